package io.jenkins.plugins.grayrelease.core.analysis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Takes measurements until the analysis has a verdict. It stops as soon as the failure limit is
 * exceeded, so a bad canary is rolled back without waiting for the remaining measurements.
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
            Measurement m = measure(spec, context, taken.size() + 1);
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
            if (failed > spec.failureLimit()) {
                return new AnalysisVerdict(false, failed + " measurement(s) failed, failure limit "
                        + spec.failureLimit() + (failedAsInconclusive == 0 ? "" : "; " + failedAsInconclusive
                        + " of them inconclusive " + spec.inconclusiveTries() + " times in a row"), taken);
            }
        }
        return new AnalysisVerdict(true, passed + " of " + spec.count() + " measurements passed"
                + (failed == 0 ? "" : ", " + failed + " failed (limit " + spec.failureLimit() + ")"), taken);
    }

    private Measurement measure(AnalysisSpec spec, QueryContext context, int number) {
        Instant now = clock.instant();
        List<MetricResult> results = new ArrayList<>();
        for (MetricCheck check : spec.metrics()) {
            results.add(evaluator.evaluate(check, context, now));
        }
        return new Measurement(number, results);
    }
}
