package io.jenkins.plugins.grayrelease.core.engine;

import static io.jenkins.plugins.grayrelease.core.testing.Workloads.pod;
import static io.jenkins.plugins.grayrelease.core.testing.Workloads.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.errors.WorkloadNotReadyException;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import io.jenkins.plugins.grayrelease.core.testing.Workloads;
import io.jenkins.plugins.grayrelease.core.testing.Workloads.PodState;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The readiness gate on the sandbox, where the test plays the Deployment controller and the kubelet:
 * no write sends requests to a canary whose pods cannot answer them, and the refusal says which
 * Deployment, how many pods, why, and what to do; nothing is written.
 */
class ReadinessGateTest {

    private static final Map<String, String> V2 = Map.of("app", "reviews", "version", "v2");

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSampleApp();
    private final GrayRelease engine = cluster.engine();
    private final ReleaseTarget target = SampleTargets.reviews();

    private Deployment deployment(String name) {
        return cluster.client().apps().deployments().inNamespace("shop").withName(name).get();
    }

    /** reviews-v2 (2 replicas) as its controller reports it, with two pods in {@code state}. */
    private void canaryPods(int available, PodState state) {
        Deployment canary = deployment("reviews-v2");
        Workloads.storeStatus(cluster.client(), Workloads.withStatus(canary, status(canary.getMetadata().getGeneration(), 2, 2, available)));
        for (String name : new String[] {"reviews-v2-a", "reviews-v2-b"}) {
            cluster.client().pods().inNamespace("shop").resource(pod("shop", name, V2, state)).create();
        }
    }

    @Test
    void aTypoedCanaryWithAddCanarySubsetIsRefusedAndNothingIsWritten() {
        ObjectNode vs = cluster.virtualService();
        ObjectNode dr = cluster.destinationRule("reviews");
        ReleaseTarget typo = target.toBuilder().canarySubset("v9").build();

        assertThatThrownBy(() -> engine.setWeight(typo, 10, WriteOptions.defaults().withAddCanarySubset(true)))
                .isInstanceOf(WorkloadNotReadyException.class)
                .hasMessage("shop/Service/reviews: spec.selector: no Deployment's pods carry app=reviews,version=v9, so nothing would"
                        + " answer the 10 % of the traffic sent to the canary reviews/v9. Deploy the canary first (grayctl deploy;"
                        + " Jenkins grayDeploy), check the canary's name for a typo, or, when its workloads run where the engine cannot"
                        + " see them, turn the readiness gate off (grayctl --no-readiness-gate; Jenkins and plans: readinessGate: false)."
                        + " Nothing was changed");
        assertThat(cluster.virtualService()).isEqualTo(vs);
        assertThat(cluster.destinationRule("reviews")).isEqualTo(dr);
    }

    @Test
    void aCrashLoopingCanaryIsRefusedNamingTheDeploymentTheNumbersAndTheReason() {
        canaryPods(0, PodState.CRASH_LOOP);
        ObjectNode vs = cluster.virtualService();

        assertThatThrownBy(() -> engine.setWeight(target, 10, WriteOptions.defaults()))
                .isInstanceOfSatisfying(WorkloadNotReadyException.class, e -> {
                    assertThat(e.reason()).isEqualTo("CrashLoopBackOff");
                    assertThat(e.available()).isZero();
                    assertThat(e.required()).isEqualTo(1);
                })
                .hasMessage("shop/Deployment/reviews-v2: status: not ready for 10 % of the traffic: 0 of 2 updated replicas are available;"
                        + " pods: CrashLoopBackOff (2 pods, e.g. reviews-v2-a: back-off 1m20s restarting failed container=app"
                        + " pod=reviews-v2-a; last exit: Error (1)). Fix the canary's pods (kubectl describe deployment/reviews-v2;"
                        + " kubectl logs deployment/reviews-v2), or deploy a working image. Nothing was changed");
        assertThat(cluster.virtualService()).isEqualTo(vs);
    }

    @Test
    void aCanaryStillRollingOutIsRefusedWithKubectlsSentence() {
        Deployment canary = deployment("reviews-v2");
        Workloads.storeStatus(cluster.client(), Workloads.withStatus(canary, status(canary.getMetadata().getGeneration() - 1, 2, 2, 2)));

        assertThatThrownBy(() -> engine.setWeight(target, 10, WriteOptions.defaults()))
                .isInstanceOf(WorkloadNotReadyException.class)
                .hasMessageStartingWith("shop/Deployment/reviews-v2: status: not ready for 10 % of the traffic: the Deployment controller"
                        + " has not yet observed generation")
                .hasMessageEndingWith("Wait until it is rolled out (kubectl rollout status deployment/reviews-v2; grayctl deploy waits"
                        + " for it). Nothing was changed");
    }

    @Test
    void eachCanaryPodTakesNoMoreThanAStablePodSoHalfTheTrafficNeedsHalfTheStablesPods() {
        // The stable serves with 2 available pods; the canary has 1.
        cluster.client().apps().deployments().inNamespace("shop").withName("reviews-v2").edit(d -> {
            d.getSpec().setReplicas(1);
            return d;
        });

        assertThat(engine.setWeight(target, 50, WriteOptions.defaults()).status().weights().canary()).isEqualTo(50);
        assertThatThrownBy(() -> engine.setWeight(target, 60, WriteOptions.defaults()))
                .isInstanceOf(WorkloadNotReadyException.class)
                .hasMessage("shop/Deployment/reviews-v2: spec.replicas: 1 of 2 pods the canary needs for 60 % of the traffic are available"
                        + " (the stable side serves with 2 available pods; each canary pod should take no more than a stable pod)."
                        + " Scale the canary up first (kubectl scale deployment/reviews-v2 --replicas=2), or send it a smaller share."
                        + " Nothing was changed");
        assertThatThrownBy(() -> engine.promote(target, PromoteOptions.defaults())).isInstanceOf(WorkloadNotReadyException.class);
        assertThat(cluster.share("v2")).isEqualTo(50);
    }

    @Test
    void testersAndMirrorsAreCheckedToo() {
        canaryPods(0, PodState.IMAGE_PULL_BACK_OFF);

        assertThatThrownBy(() -> engine.setTesters(target, TesterRoute.of(TesterMatch.header("x-tester", "yes")), WriteOptions.defaults()))
                .isInstanceOf(WorkloadNotReadyException.class).hasMessageContaining("pods: ImagePullBackOff (2 pods");
        assertThatThrownBy(() -> engine.setMirror(target, 20, WriteOptions.defaults()))
                .isInstanceOf(WorkloadNotReadyException.class).hasMessageContaining("not ready for 20 % of the traffic");
    }

    @Test
    void theWayBackIsNeverCheckedLoweringTheWeightAndRollingBackGoThroughWhateverThePods() {
        engine.setWeight(target, 30, WriteOptions.defaults());
        canaryPods(0, PodState.CRASH_LOOP);

        assertThat(engine.setWeight(target, 10, WriteOptions.defaults()).status().weights().canary()).isEqualTo(10);
        assertThat(engine.rollback(target, WriteOptions.defaults()).status().weights().canary()).isZero();
    }

    @Test
    void theOptOutSendsTrafficWithoutLookingAtWorkloads() {
        ReleaseTarget elsewhere = target.toBuilder().canarySubset("v9").readinessGate(false).build();

        assertThat(engine.setWeight(elsewhere, 10, WriteOptions.defaults().withAddCanarySubset(true)).status().weights().canary()).isEqualTo(10);
        assertThat(cluster.faults().count("GET", "/deployments")).isZero();
    }

    @Test
    void inTheTwoHostLayoutTheCanaryServicesSelectorPicksTheDeployment() {
        Deployment canary = cluster.client().apps().deployments().inNamespace("shop").withName("checkout-canary").get();
        Workloads.storeStatus(cluster.client(), Workloads.withStatus(canary, status(canary.getMetadata().getGeneration(), 2, 2, 0)));

        assertThatThrownBy(() -> engine.setWeight(SampleTargets.checkout(), 10, WriteOptions.defaults()))
                .isInstanceOf(WorkloadNotReadyException.class)
                .hasMessageStartingWith("shop/Deployment/checkout-canary: status: not ready for 10 % of the traffic: 0 of 2 updated replicas are available");
    }

    @Test
    void aStuckCanaryNamesItsProgressDeadline() {
        Deployment canary = deployment("reviews-v2");
        canary.getSpec().setProgressDeadlineSeconds(600);
        Workloads.storeStatus(cluster.client(), Workloads.deadlineExceeded(Workloads.withStatus(canary,
                status(canary.getMetadata().getGeneration(), 2, 2, 0))));
        cluster.client().pods().inNamespace("shop").resource(pod("shop", "reviews-v2-x", V2, PodState.UNSCHEDULABLE)).create();

        assertThatThrownBy(() -> engine.setWeight(target, 10, WriteOptions.defaults()))
                .isInstanceOfSatisfying(WorkloadNotReadyException.class, e -> assertThat(e.reason()).isEqualTo("Unschedulable"))
                .hasMessageContaining("exceeded its progress deadline: 0 of 2 replicas are available; pods: Unschedulable (1 pod, e.g."
                        + " reviews-v2-x: 0/3 nodes are available: 3 Insufficient cpu.)");
    }
}
