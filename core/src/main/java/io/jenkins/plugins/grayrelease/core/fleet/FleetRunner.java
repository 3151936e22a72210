package io.jenkins.plugins.grayrelease.core.fleet;

import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import io.jenkins.plugins.grayrelease.core.analysis.MetricEvaluator;
import io.jenkins.plugins.grayrelease.core.analysis.PrometheusClient;
import io.jenkins.plugins.grayrelease.core.analysis.PrometheusEndpoint;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.core.rollout.plan.AnalysisStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.ApprovalStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import io.jenkins.plugins.grayrelease.core.rollout.plan.MirrorStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PauseStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.SetWeightStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.Step;
import io.jenkins.plugins.grayrelease.core.rollout.plan.TestersStep;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link FleetPlan} wave by wave through a {@link FleetRelease}: each weight step writes every target of the
 * wave, each analysis step measures every target of the wave, each approval is asked once for the wave. Any failure
 * (a refused or unanswered write, a failed analysis, a canary not ready) rolls back every target shifted so far, in
 * reverse order. After the last wave every target is promoted.
 */
public final class FleetRunner {

    /**
     * @param analysisClock      the instant analyses query at (tests pin it to their data)
     * @param environment        where {@code prometheus.bearerTokenEnv} is looked up
     * @param prometheusOverride replaces the plan's Prometheus endpoint when present
     */
    public record Settings(Clock analysisClock, Map<String, String> environment, Optional<PrometheusEndpoint> prometheusOverride) {
        public Settings {
            Objects.requireNonNull(analysisClock, "analysisClock");
            environment = Map.copyOf(environment);
            Objects.requireNonNull(prometheusOverride, "prometheusOverride");
        }

        public static Settings defaults() {
            return new Settings(Clock.systemUTC(), System.getenv(), Optional.empty());
        }

        public Settings withPrometheus(PrometheusEndpoint endpoint) {
            return new Settings(analysisClock, environment, Optional.of(endpoint));
        }

        public Settings withAnalysisClock(Clock clock) {
            return new Settings(clock, environment, prometheusOverride);
        }
    }

    private final FleetRelease release;
    private final FleetGate gate;
    private final FleetListener listener;
    private final Settings settings;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private volatile String answerAt;
    private String planName;

    public FleetRunner(FleetRelease release, FleetGate gate, FleetListener listener, Settings settings) {
        this.release = release;
        this.gate = gate;
        this.listener = listener == null ? FleetListener.NONE : listener;
        this.settings = settings;
    }

    /**
     * Approvals are answered at {@code url} only (a Jenkins build): the members' records say so while a wave waits,
     * and {@code grayctl decide} refuses to answer. Without it an approval may also be answered on any member.
     */
    public FleetRunner answeredAt(String url) {
        this.answerAt = url;
        return this;
    }

    /** Stops the run at its next wait or between two steps; traffic stays as it is (result {@code STOPPED}). */
    public void cancel() {
        cancelled.countDown();
    }

    /** Runs every wave, then promotes every target; the last outcome says how it ended. */
    public FleetOutcome run(FleetPlan plan) {
        if (!plan.fleet().equals(release.fleet())) {
            throw new IllegalArgumentException("the plan's fleet " + plan.fleet().id() + " is not the release's " + release.fleet().id());
        }
        planName = plan.plan().name();
        TargetAnalysis analysis = plan.plan().analysesMetrics()
                ? new TargetAnalysis(new MetricEvaluator(new PrometheusClient(endpoint(plan))), settings.analysisClock(), this::sleep)
                : null;
        for (FleetWave wave : plan.fleet().waves()) {
            release.startWave(wave.index());
            List<Step> steps = plan.steps().get(wave.index());
            for (int i = 0; i < steps.size(); i++) {
                if (cancelled.getCount() == 0) {
                    return stopped("cancelled before " + wave.name() + ", step " + (i + 1));
                }
                FleetOutcome ended = step(wave, i, steps.get(i), analysis);
                if (ended != null) {
                    return ended;
                }
            }
        }
        listener.note("every wave passed: promoting every target");
        return release.promote();
    }

    /** One step of a wave; null to carry on, else how the run ended. */
    private FleetOutcome step(FleetWave wave, int index, Step step, TargetAnalysis analysis) {
        listener.note(wave.name() + ", step " + (index + 1) + ": " + step.describe());
        if (step.waits() || step instanceof AnalysisStep) {
            // A step that sends nothing new still needs canaries that answer.
            FleetOutcome notReady = checkReadiness(wave);
            if (notReady != null) {
                return notReady;
            }
        }
        if (step instanceof SetWeightStep s) {
            return endedUnlessDone(release.setWeight(s.weight()));
        }
        if (step instanceof MirrorStep m) {
            return endedUnlessDone(release.applyToWave("mirror " + m.percent() + " %",
                    t -> release.engine(t).setMirror(t.target(), m.percent(), release.writeOptions())));
        }
        if (step instanceof TestersStep t) {
            return endedUnlessDone(release.applyToWave("tester route",
                    target -> release.engine(target).setTesters(target.target(), t.toTesterRoute(), release.writeOptions())));
        }
        if (step instanceof PauseStep p) {
            return sleepOrStop(p.duration(), wave, index);
        }
        if (step instanceof AnalysisStep a) {
            return analyse(wave, a, analysis);
        }
        if (step instanceof ApprovalStep a) {
            return approve(wave, index, a);
        }
        throw new InvalidReleaseException(null, "waves[" + wave.index() + "].steps[" + index + "]",
                "'" + step.kind() + "' is not supported in a fleet plan", "use setWeight, pause, approval, analysis, testers or mirror");
    }

    private static FleetOutcome endedUnlessDone(FleetOutcome outcome) {
        return outcome.result() == FleetOutcome.Result.DONE ? null : outcome;
    }

    private FleetOutcome checkReadiness(FleetWave wave) {
        for (ParallelTargets.Result<Boolean> r : release.parallel().run(wave.targets(), t -> {
            release.engine(t).checkCanaryReadiness(t.target());
            return true;
        })) {
            if (r.failed()) {
                listener.targetFailed(r.target(), r.failure());
                return release.rollBackFor("canary check (" + wave.name() + ")", r.target(), r.failure().getMessage());
            }
        }
        return null;
    }

    private FleetOutcome analyse(FleetWave wave, AnalysisStep step, TargetAnalysis analysis) {
        List<ParallelTargets.Result<AnalysisVerdict>> verdicts = release.parallel().run(wave.targets(), t -> {
            try {
                return analysis.run(release.engine(t), t, step);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        });
        for (ParallelTargets.Result<AnalysisVerdict> v : verdicts) {
            if (v.failed()) {
                listener.targetFailed(v.target(), v.failure());
                return release.rollBackFor("analysis (" + wave.name() + ")", v.target(), v.failure().getMessage());
            }
            if (v.value() == null) {
                return stopped("cancelled during the analysis of " + wave.name());
            }
            if (!v.value().passed()) {
                listener.note("analysis failed on " + v.target().id() + ": " + v.value().summary());
                return release.rollBackFor("analysis (" + wave.name() + ")", v.target(), "analysis failed: " + v.value().summary());
            }
        }
        listener.note("analysis passed on every target of " + wave.name());
        return null;
    }

    private FleetOutcome approve(FleetWave wave, int index, ApprovalStep step) {
        Decision decision;
        // While it waits every member says so (phase paused, the question); an answer recorded on any member counts.
        try (FleetApprovalRecord record = FleetApprovalRecord.open(release, listener, planName, wave, index, step, answerAt,
                Clock.systemUTC())) {
            FleetApproval request = new FleetApproval(release.fleet().id(), wave, index, step.message(), step.allowed(),
                    step.timeoutDuration(), Optional.ofNullable(step.onTimeout()), release.status());
            decision = FleetApprovalWait.await(gate, request, cancelled, record.answer());
            record.decided(decision);
        }
        if (decision == null) {
            return stopped("no answer to the approval of " + wave.name() + " (cancelled, or the gate could not ask); traffic stays as it is");
        }
        listener.note(wave.name() + ": " + decision.describe());
        if (!step.allowed().contains(decision.kind())) {
            return stopped("the approval of " + wave.name() + " got '" + decision.kind().planName() + "', which the plan does not offer;"
                    + " stopped, traffic as it is");
        }
        return switch (decision.kind()) {
            case PROMOTE -> null;
            case SET_WEIGHT -> endedUnlessDone(release.setWeight(decision.weight()));
            case ROLLBACK -> release.rollBackFor("approval of " + wave.name() + " answered rollback"
                    + (decision.timedOut() ? " (timed out)" : " by " + decision.decidedBy()), null, null);
            case ABORT -> stopped("approval of " + wave.name() + " answered abort" + (decision.timedOut() ? " (timed out)"
                    : " by " + decision.decidedBy()) + "; traffic stays as it is on every target");
        };
    }

    private FleetOutcome sleepOrStop(Duration d, FleetWave wave, int index) {
        try {
            if (cancelled.await(d.toMillis(), TimeUnit.MILLISECONDS)) {
                return stopped("cancelled during the pause of " + wave.name() + ", step " + (index + 1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stopped("interrupted during the pause of " + wave.name());
        }
        return null;
    }

    private void sleep(Duration d) throws InterruptedException {
        if (cancelled.await(d.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("fleet release cancelled");
        }
    }

    private FleetOutcome stopped(String why) {
        return new FleetOutcome(FleetOutcome.Result.STOPPED, why, List.of(), null, List.of(), List.of());
    }

    private PrometheusEndpoint endpoint(FleetPlan plan) {
        if (settings.prometheusOverride().isPresent()) {
            return settings.prometheusOverride().get();
        }
        try {
            return plan.plan().prometheus().toEndpoint(settings.environment());
        } catch (IllegalStateException e) {
            throw new InvalidReleaseException(null, "prometheus.bearerTokenEnv", e.getMessage(), "nothing was changed");
        }
    }
}
