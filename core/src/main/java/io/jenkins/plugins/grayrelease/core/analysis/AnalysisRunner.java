package io.jenkins.plugins.grayrelease.core.analysis;

import io.jenkins.plugins.grayrelease.core.support.Counted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import io.jenkins.plugins.grayrelease.core.analysis.judge.CanaryJudge;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison;
import io.jenkins.plugins.grayrelease.core.analysis.judge.JudgeContext;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Judgement;

/**
 * Takes measurements until the analysis has a verdict. It stops as soon as the failure limit is
 * exceeded, so a bad canary is rolled back without waiting for the remaining measurements. With a
 * comparison ({@link AnalysisSpec#compare()}), the judge looks at every measurement too: it fails
 * the analysis at once when it shows the canary worse, and passes it early when it shows the
 * canary within tolerance (and no threshold failed).
 */
public final class AnalysisRunner {
    /** Waits between measurements; tests and cancellation rely on it honouring interrupts. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final MetricEvaluator evaluator;
    private final Clock clock;
    private final Sleeper sleeper;

    public AnalysisRunner(MetricEvaluator evaluator, Clock clock, Sleeper sleeper) {
        this.evaluator = evaluator;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public AnalysisRunner(MetricEvaluator evaluator) {
        this(evaluator, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
    }

    /**
     * @param onMeasurement called after each measurement, e.g. to log the observed values
     * @throws InterruptedException when cancelled; for an analysis without count this is the
     *     normal way to stop it while it keeps passing
     */
    public AnalysisVerdict run(AnalysisSpec spec, QueryContext context, Consumer<Measurement> onMeasurement)
            throws InterruptedException {
        return run(spec, context, null, onMeasurement);
    }

    /**
     * @param sides the two sides and the weights, for the comparison; may be null when the spec compares nothing
     */
    public AnalysisVerdict run(AnalysisSpec spec, QueryContext context, JudgeContext sides,
            Consumer<Measurement> onMeasurement) throws InterruptedException {
        if (spec.compare() != null && sides == null) {
            throw new IllegalArgumentException("the analysis compares canary and stable but no stable side was given");
        }
        CanaryJudge judge = spec.compare() == null ? null : new CanaryJudge(spec.compare(), sides, evaluator.prometheus());
        List<Measurement> taken = new ArrayList<>();
        int passed = 0;
        int failed = 0;
        int inconclusiveInARow = 0;
        int failedAsInconclusive = 0;
        while (spec.untilStopped() || passed + failed < spec.count()) {
            if (!taken.isEmpty()) {
                sleeper.sleep(spec.interval());
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("analysis cancelled");
            }
            Measurement m = measure(spec, context, judge, taken.size() + 1);
            taken.add(m);
            onMeasurement.accept(m);
            switch (m.outcome()) {
                case PASSED -> {
                    passed++;
                    inconclusiveInARow = 0;
                }
                case FAILED -> {
                    failed++;
                    inconclusiveInARow = 0;
                }
                case INCONCLUSIVE -> {
                    inconclusiveInARow++;
                    if (inconclusiveInARow >= spec.inconclusiveTries()) {
                        failed++;
                        failedAsInconclusive++;
                        inconclusiveInARow = 0;
                    }
                }
            }
            if (Judgement.failed(m.comparisons())) {
                return new AnalysisVerdict(false, "the comparison with the stable failed at measurement " + m.number()
                        + " (" + failing(m.comparisons()) + ")", taken);
            }
            if (judge != null && !spec.untilStopped() && failed == 0 && judge.enoughData()
                    && Judgement.cleared(m.comparisons())) {
                return new AnalysisVerdict(true, "passed early at measurement " + m.number() + " of " + spec.count()
                        + ": the comparison with the stable shows the canary within tolerance ("
                        + brief(m.comparisons()) + ")", taken);
            }
            if (failed > spec.failureLimit()) {
                return new AnalysisVerdict(false, Counted.of(failed, "measurement", "measurements") + " failed, failure limit "
                        + spec.failureLimit() + (failedAsInconclusive == 0 ? "" : "; " + failedAsInconclusive
                        + " of them inconclusive " + spec.inconclusiveTries() + " times in a row"), taken);
            }
        }
        if (judge != null && !judge.enoughData()) {
            return new AnalysisVerdict(false, "the canary served " + Counted.of(judge.canaryRequests(), "request", "requests") + " in "
                    + spec.count() + " measurements, fewer than minRequests " + spec.compare().minRequests()
                    + ": too little traffic to compare it with the stable", taken);
        }
        return new AnalysisVerdict(true, passed + " of " + spec.count() + " measurements passed"
                + (failed == 0 ? "" : ", " + failed + " failed (limit " + spec.failureLimit() + ")")
                + (judge == null ? "" : "; no regression shown against the stable ("
                        + brief(taken.get(taken.size() - 1).comparisons()) + ")"), taken);
    }

    private Measurement measure(AnalysisSpec spec, QueryContext context, CanaryJudge judge, int number) {
        Instant now = clock.instant();
        List<MetricResult> results = new ArrayList<>();
        for (MetricCheck check : spec.metrics()) {
            results.add(evaluator.evaluate(check, context, now));
        }
        return new Measurement(number, results, judge == null ? List.of() : judge.look(now));
    }

    private static String failing(List<Comparison> comparisons) {
        return comparisons.stream().filter(c -> c.state() == Comparison.State.FAILED).map(c -> c.check().planName())
                .collect(Collectors.joining(", "));
    }

    private static String brief(List<Comparison> comparisons) {
        return comparisons.stream().map(c -> c.check().planName() + " " + c.state().name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
