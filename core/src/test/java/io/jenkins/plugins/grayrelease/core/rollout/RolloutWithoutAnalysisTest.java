package io.jenkins.plugins.grayrelease.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult.Outcome;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plans without analysis against the sandbox API server: the phase recorded while
 * steps run, approvals nobody answers, and cancellation. No Prometheus is needed; metric analysis is covered by {@link RolloutRunnerTest}.
 */
class RolloutWithoutAnalysisTest {

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSubsets("v1", "v2", "v3", "v4", "v5");
    GrayRelease engine = cluster.engine(new Actor("rollout-test", "junit"));
    RecordingListener listener = new RecordingListener();

    static RolloutPlan parse(String yaml) {
        return new PlanParser().parse(yaml, "plan.yaml");
    }

    ReleaseTarget target() {
        return ReleaseTarget.builder("shop", "reviews").route("primary").stableSubset("v1").canarySubset("v2").build();
    }

    @Test
    void approvalNobodyAnswersTakesTheConfiguredDefaultOnceItsTimeoutHasPassedOnTheClock() throws Exception {
        String plan = SampleTargets.plan("""
                steps:
                  - setWeight: 20
                  - approval: {timeout: 1h, onTimeout: rollback}
                  - setWeight: 50
                """);
        SettableClock clock = new SettableClock(Instant.parse("2026-12-01T09:00:00Z"));
        // Nobody answers: the hour passes on the run's clock while the question is open, and the
        // gate waits until the runner stops asking. The wall clock moves by far less than an hour.
        Gate nobody = request -> {
            clock.advance(Duration.ofHours(1));
            new CountDownLatch(1).await();
            return null;
        };
        RolloutRunner runner = new RolloutRunner(engine, nobody, listener,
                RolloutRunner.Settings.defaults().withApprovalClock(clock));

        RolloutResult result = CompletableFuture.supplyAsync(() -> runner.run(parse(plan))).get(30, TimeUnit.SECONDS);

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.ROLLED_BACK_BY_DECISION);
        assertThat(result.decision()).get().matches(Decision::timedOut);
        assertThat(result.decision().get().decidedBy()).isEqualTo("timeout after 1h");
        assertThat(result.message()).contains("approval timed out");
        assertThat(listener.weights).containsExactly(20);
        assertThat(cluster.share("v1")).isEqualTo(100);
    }

    @Test
    void cancellationLeavesTrafficAsItIsAndSaysSo() throws Exception {
        String plan = SampleTargets.plan("""
                steps:
                  - setWeight: 20
                  - pause: 1h
                  - setWeight: 50
                """);
        RolloutRunner runner = new RolloutRunner(engine, ScriptedGate.silent(), listener, RolloutRunner.Settings.defaults());
        listener.onStepStarted = (index, step) -> {
            if (index == 1) {
                CompletableFuture.runAsync(runner::cancel);
            }
        };

        RolloutResult result = CompletableFuture.supplyAsync(() -> runner.run(parse(plan))).get(30, TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(result.message()).contains("cancelled in step 2", "stable 80 % / canary 20 %");
        assertThat(cluster.share("v2")).isEqualTo(20);
        var state = engine.status(target()).state();
        assertThat(state.phase()).isEqualTo(Phase.ABORTED);
        assertThat(state.rollout().step()).isEqualTo(1);
    }

    @Test
    void theReleaseIsRecordedAsPausedWhileAStepWaitsAndProgressingOtherwise() {
        String plan = SampleTargets.plan("""
                steps:
                  - setWeight: 20
                  - pause: 1ms
                  - approval: {}
                  - mirror: 10
                  - setWeight: 50
                """);
        List<Phase> recorded = new CopyOnWriteArrayList<>();
        listener.onStepStarted = (index, step) -> recorded.add(engine.status(target()).phase());
        RolloutRunner runner = new RolloutRunner(engine, new ScriptedGate(Decision.promote("alice")), listener,
                RolloutRunner.Settings.defaults());

        RolloutResult result = runner.run(parse(plan));

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.PROMOTED);
        assertThat(recorded).containsExactly(Phase.PROGRESSING, Phase.PAUSED, Phase.PAUSED, Phase.PROGRESSING,
                Phase.PROGRESSING);
    }

    /** A clock that stands still until a test moves it on. */
    static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
