package io.jenkins.plugins.grayrelease.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.analysis.CanaryMetrics;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult.Outcome;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whole plans with metric analysis against fabric8's mock API server (CRUD) for the cluster and a
 * real Prometheus serving backfilled Istio metrics; no mocked Prometheus answers. Every plan here
 * analyses, so the whole class needs Prometheus; plans without analysis are in
 * {@link RolloutWithoutAnalysisTest}.
 */
@Tag("prometheus")
class RolloutRunnerTest {
    @RegisterExtension
    static final CanaryPrometheus prometheus = new CanaryPrometheus();

    // Not a registered extension: the benchmark below starts a fresh cluster between its runs.
    SandboxCluster cluster;
    GrayRelease engine;
    RecordingListener listener;

    @BeforeEach
    void startCluster() {
        cluster = SandboxCluster.withSubsets("v1", "v2", "v3", "v4", "v5");
        engine = cluster.engine(new Actor("rollout-test", "junit"));
        listener = new RecordingListener();
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    /** 10 % → analysis (success rate and p99 latency) → approval → 50 % → promote. */
    String plan(String canary) {
        return prometheus.measuring("""
                name: reviews-canary
                target: {namespace: shop, service: reviews, route: primary, stable: v1, canary: %s}
                steps:
                  - setWeight: 10
                  - analysis:
                      interval: 10ms
                      count: 2
                      inconclusiveTries: 3
                      metrics:
                        - {name: success-rate, template: successRate, min: 99}
                        - {name: latency-p99, template: latency, percentile: 99, max: 500}
                  - approval:
                      message: Go to 50 %%?
                      timeout: 20s
                      onTimeout: rollback
                  - setWeight: 50
                """.formatted(canary));
    }

    RolloutResult run(String planYaml, Gate gate) {
        return runner(gate).run(parse(planYaml));
    }

    RolloutRunner runner(Gate gate) {
        return new RolloutRunner(engine, gate, listener,
                RolloutRunner.Settings.defaults().withAnalysisClock(CanaryMetrics.clock())
                        // One run id for the test: a run killed here is resumed by the same run (grayctl --resume).
                        .withRunId("r-runner-test"));
    }

    static RolloutPlan parse(String yaml) {
        return new PlanParser().parse(yaml, "plan.yaml");
    }

    ReleaseTarget target(String canary) {
        return ReleaseTarget.builder("shop", "reviews").route("primary").stableSubset("v1").canarySubset(canary).build();
    }

    @Test
    void healthyCanaryIsPromoted() {
        ScriptedGate gate = new ScriptedGate(Decision.promote("alice"));

        RolloutResult result = run(plan(CanaryMetrics.HEALTHY), gate);

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.PROMOTED);
        assertThat(cluster.share("v2")).isEqualTo(100);
        assertThat(listener.weights).containsExactly(10, 50);
        assertThat(listener.log()).contains("success-rate", "observed 100", "decision: promote by alice");
        assertThat(gate.asked()).hasSize(1);
    }

    @Test
    void rerunningAPromotedPlanChangesNothingAndAsksNothing() {
        run(plan(CanaryMetrics.HEALTHY), new ScriptedGate(Decision.promote("alice")));
        String promoted = cluster.virtualService().toString();
        listener = new RecordingListener();
        ScriptedGate gate = ScriptedGate.silent();

        RolloutResult again = run(plan(CanaryMetrics.HEALTHY), gate);

        assertThat(again.outcome()).isEqualTo(Outcome.PROMOTED);
        assertThat(again.message()).contains("already promoted");
        assertThat(gate.asked()).isEmpty();
        assertThat(cluster.virtualService().toString()).isEqualTo(promoted);
    }

    @Test
    void errorSpikeOfTwentyFivePercentIsRolledBackShowingObservedRateAndThreshold() {
        ScriptedGate gate = new ScriptedGate(Decision.promote("alice"));

        RolloutResult result = run(plan(CanaryMetrics.ERROR_SPIKE), gate);

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.ROLLED_BACK_BY_ANALYSIS);
        assertThat(cluster.share("v1")).isEqualTo(100);
        assertThat(cluster.share("v3")).isZero();
        assertThat(listener.log()).containsPattern("success-rate \\[.*]: observed 75(\\.\\d+)?, threshold >= 99 → FAILED");
        assertThat(result.message()).contains("observed 75", "threshold >= 99", "rolled back");
        assertThat(gate.asked()).as("a failed analysis never reaches the approval").isEmpty();
        assertThat(engine.status(target("v3")).state().phase()).isEqualTo(Phase.ROLLED_BACK);
        System.out.printf("failed analysis -> rolled-back VirtualService: %.1f ms%n",
                (listener.rolledBackAt - listener.failedAnalysisAt) / 1e6);
    }

    /**
     * Benchmark, not a timed assertion: how long from the failed verdict to the VirtualService
     * stored with all traffic on stable, over repeated runs against the mock API server.
     */
    @Test
    void failedAnalysisRollsBackEveryTimeAndPrintsHowLongItTook() {
        int runs = 10;
        long[] millis = new long[runs];
        for (int i = 0; i < runs; i++) {
            if (i > 0) {
                cluster.close();
                startCluster();
            }
            RolloutResult result = run(plan(CanaryMetrics.ERROR_SPIKE), ScriptedGate.silent());
            assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK_BY_ANALYSIS);
            assertThat(cluster.share("v1")).isEqualTo(100);
            millis[i] = (listener.rolledBackAt - listener.failedAnalysisAt) / 1_000_000;
        }
        long[] sorted = java.util.Arrays.stream(millis).sorted().toArray();
        System.out.printf("BENCHMARK failed analysis -> rolled-back VirtualService over %d runs (ms): %s;"
                + " min %d, median %d, max %d%n", runs, java.util.Arrays.toString(millis), sorted[0],
                sorted[runs / 2], sorted[runs - 1]);
    }

    @Test
    void latencyBreachIsRolledBack() {
        RolloutResult result = run(plan(CanaryMetrics.SLOW), new ScriptedGate(Decision.promote("alice")));

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.ROLLED_BACK_BY_ANALYSIS);
        assertThat(cluster.share("v1")).isEqualTo(100);
        assertThat(result.message()).contains("latency-p99", "threshold <= 500");
    }

    @Test
    void canaryWithoutDataIsInconclusiveThenFailsAfterTheTriesAndIsRolledBack() {
        RolloutResult result = run(plan(CanaryMetrics.SILENT), new ScriptedGate(Decision.promote("alice")));

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.ROLLED_BACK_BY_ANALYSIS);
        assertThat(listener.measurements).hasSize(3).allMatch(
                m -> m.outcome() == io.jenkins.plugins.grayrelease.core.analysis.Outcome.INCONCLUSIVE);
        assertThat(listener.log()).contains("no data");
        assertThat(cluster.share("v1")).isEqualTo(100);
    }

    @Test
    void approvalAnsweredRollbackRollsBackAndSkipsTheRemainingSteps() {
        RolloutResult result = run(plan(CanaryMetrics.HEALTHY), new ScriptedGate(Decision.rollback("bob")));

        assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK_BY_DECISION);
        assertThat(result.decision()).get().extracting(Decision::decidedBy).isEqualTo("bob");
        assertThat(cluster.share("v1")).isEqualTo(100);
        assertThat(listener.weights).containsExactly(10);
        assertThat(listener.log()).contains("decision: rollback by bob");
    }

    @Test
    void approvalAnsweredSetWeight30ContinuesFrom30() {
        int[] shareWhenNextStepStarts = {-1};
        listener.onStepStarted = (index, step) -> {
            if (index == 3) {
                shareWhenNextStepStarts[0] = cluster.share("v2");
            }
        };

        RolloutResult result = run(plan(CanaryMetrics.HEALTHY), new ScriptedGate(Decision.setWeight(30, "carol")));

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.PROMOTED);
        assertThat(shareWhenNextStepStarts[0]).isEqualTo(30);
        assertThat(listener.weights).containsExactly(10, 30, 50);
        assertThat(listener.log()).contains("decision: setWeight 30 by carol");
    }

    /** Stands for the process dying: an Error the runner does not handle, so nothing is cleaned up. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void runKilledAfterItsApprovalResumesWithoutAskingAgain() {
        listener.onStepStarted = (index, step) -> {
            if (index == 3) {
                throw new SimulatedCrash();
            }
        };
        ScriptedGate firstGate = new ScriptedGate(Decision.promote("dave"));
        assertThatThrownBy(() -> run(plan(CanaryMetrics.HEALTHY), firstGate)).isInstanceOf(SimulatedCrash.class);
        RolloutProgress recorded = engine.status(target("v2")).state().rollout();
        assertThat(recorded.step()).isEqualTo(3);
        assertThat(recorded.stepState()).isEqualTo(RolloutProgress.RUNNING);

        listener = new RecordingListener();
        ScriptedGate secondGate = ScriptedGate.silent();
        RolloutResult resumed = run(plan(CanaryMetrics.HEALTHY), secondGate);

        assertThat(resumed.outcome()).as(listener.log()).isEqualTo(Outcome.PROMOTED);
        assertThat(secondGate.asked()).isEmpty();
        assertThat(listener.resumed).isTrue();
        assertThat(listener.startedSteps).containsExactly(3);
        assertThat(listener.log()).contains("Resuming rollout reviews-canary at step 4 of 4");
        assertThat(cluster.share("v2")).isEqualTo(100);
    }

    @Test
    void failingBackgroundAnalysisRollsBackDuringAPause() throws Exception {
        String plan = """
                target: {namespace: shop, service: reviews, route: primary, stable: v1, canary: v3}
                prometheus: {url: '%s'}
                analysis:
                  interval: 10ms
                  metrics: [{name: success-rate, template: successRate, min: 99}]
                steps:
                  - setWeight: 10
                  - pause: 1h
                """.formatted(prometheus.url());

        RolloutResult result = CompletableFuture.supplyAsync(() -> run(plan, ScriptedGate.silent()))
                .get(30, TimeUnit.SECONDS);

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.ROLLED_BACK_BY_ANALYSIS);
        assertThat(listener.log()).contains("analysis (background) FAILED");
        assertThat(cluster.share("v1")).isEqualTo(100);
    }
}
