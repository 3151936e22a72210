package io.jenkins.plugins.grayrelease.core.rollout;

import static io.jenkins.plugins.grayrelease.core.testing.Workloads.pod;
import static io.jenkins.plugins.grayrelease.core.testing.Workloads.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult.Outcome;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import io.jenkins.plugins.grayrelease.core.testing.Workloads;
import io.jenkins.plugins.grayrelease.core.testing.Workloads.PodState;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rollout keeps checking that its canary can answer: pods that crash after the shift roll the
 * release back while the run pauses or waits for an approval, with a result that names the
 * Deployment and the pods' reason and ends like a failed analysis.
 */
class RolloutReadinessTest {

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSubsets("v1", "v2");
    private final GrayRelease engine = new GrayRelease(cluster.client(), new Actor("rollout-test", "junit"));
    private final RecordingListener listener = new RecordingListener();

    private static RolloutPlan parse(String yaml) {
        return new PlanParser().parse(yaml, "plan.yaml");
    }

    /** reviews-v2's pods crash-loop: its controller reports none available, its pods say why. */
    private void canaryCrashes() {
        // The pod first: the run's watch may look in between.
        cluster.client().pods().inNamespace("shop").resource(pod("shop", "reviews-v2-x", Map.of("app", "reviews", "version", "v2"),
                PodState.CRASH_LOOP)).create();
        Deployment canary = cluster.client().apps().deployments().inNamespace("shop").withName("reviews-v2").get();
        Workloads.storeStatus(cluster.client(), Workloads.withStatus(canary, status(canary.getMetadata().getGeneration(), 2, 2, 0)));
    }

    /** Records the run, and makes reviews-v2 crash right after the run's first weight shift. */
    private RolloutListener crashesAfterItsFirstShift() {
        java.util.concurrent.atomic.AtomicBoolean crashed = new java.util.concurrent.atomic.AtomicBoolean();
        return RolloutListener.both(listener, new RolloutListener() {
            @Override
            public void weightWritten(int canaryPercent, ReleaseStatus status) {
                if (crashed.compareAndSet(false, true)) {
                    canaryCrashes();
                }
            }
        });
    }

    private RolloutResult run(String plan, Gate gate, Duration readinessInterval) throws Exception {
        RolloutRunner runner = new RolloutRunner(engine, gate, listener,
                RolloutRunner.Settings.defaults().withReadinessInterval(readinessInterval));
        return CompletableFuture.supplyAsync(() -> runner.run(parse(plan))).get(30, TimeUnit.SECONDS);
    }

    @Test
    void podsThatCrashAfterTheShiftRollTheReleaseBackDuringAPause() throws Exception {
        RolloutListener crashAfterShift = crashesAfterItsFirstShift();
        RolloutRunner runner = new RolloutRunner(engine, request -> null, crashAfterShift,
                RolloutRunner.Settings.defaults().withReadinessInterval(Duration.ofMillis(50)));
        String plan = SampleTargets.plan("""
                steps:
                  - setWeight: 20
                  - pause: 1h
                  - setWeight: 50
                """);

        RolloutResult result = CompletableFuture.supplyAsync(() -> runner.run(parse(plan))).get(30, TimeUnit.SECONDS);

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.ROLLED_BACK_BY_ANALYSIS);
        assertThat(result.message()).isEqualTo("canary not ready: shop/Deployment/reviews-v2: not ready for 20 % of the traffic:"
                + " 0 of 2 updated replicas are available; pods: CrashLoopBackOff (1 pod, e.g. reviews-v2-x: back-off 1m20s restarting"
                + " failed container=app pod=reviews-v2-x; last exit: Error (1)); rolled back, all traffic on stable");
        assertThat(cluster.share("v2")).isZero();
        assertThat(engine.status(SandboxClusterTargets.reviews()).phase()).isEqualTo(Phase.ROLLED_BACK);
    }

    @Test
    void aCanaryFoundNotReadyWhenAnApprovalStepStartsIsRolledBackWithoutAskingAnyone() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        String plan = SampleTargets.plan("""
                steps:
                  - setWeight: 10
                  - approval: {message: "Go on"}
                """);
        RolloutListener crashAfterShift = crashesAfterItsFirstShift();
        RolloutRunner runner = new RolloutRunner(engine, request -> {
            asked.countDown();
            return null;
        }, crashAfterShift, RolloutRunner.Settings.defaults().withReadinessInterval(Duration.ofHours(1)));

        RolloutResult result = CompletableFuture.supplyAsync(() -> runner.run(parse(plan))).get(30, TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK_BY_ANALYSIS);
        assertThat(result.message()).startsWith("canary not ready: shop/Deployment/reviews-v2: not ready for 10 % of the traffic");
        assertThat(asked.getCount()).as("nobody was asked to approve a broken canary").isEqualTo(1);
        assertThat(cluster.share("v2")).isZero();
    }

    @Test
    void aShiftRefusedForACanaryThatIsNotReadyRollsBackNamingTheReason() throws Exception {
        String plan = SampleTargets.plan("""
                steps:
                  - setWeight: 10
                  - setWeight: 50
                """);
        RolloutListener crashAfterShift = crashesAfterItsFirstShift();
        RolloutRunner runner = new RolloutRunner(engine, request -> null, crashAfterShift,
                RolloutRunner.Settings.defaults().withReadinessInterval(Duration.ofHours(1)));

        RolloutResult result = CompletableFuture.supplyAsync(() -> runner.run(parse(plan))).get(30, TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK_BY_ANALYSIS);
        assertThat(result.stoppedAtStep()).isEqualTo(1);
        assertThat(result.message()).startsWith("canary not ready: shop/Deployment/reviews-v2: not ready for 50 % of the traffic")
                .contains("CrashLoopBackOff");
        assertThat(cluster.share("v2")).isZero();
    }

    @Test
    void aHealthyCanaryIsPromotedAndTheWatchCostsOneListPerCheck() throws Exception {
        String plan = SampleTargets.plan("""
                steps:
                  - setWeight: 20
                  - pause: 300ms
                """);

        RolloutResult result = run(plan, request -> null, Duration.ofMillis(50));

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.PROMOTED);
        assertThat(cluster.faults().count("GET", "/deployments")).as("the watch looked").isGreaterThan(2);
    }

    /** The target the plans above name. */
    private static final class SandboxClusterTargets {
        static io.jenkins.plugins.grayrelease.core.ReleaseTarget reviews() {
            return io.jenkins.plugins.grayrelease.core.ReleaseTarget.builder("shop", "reviews").route("primary").build();
        }
    }
}
