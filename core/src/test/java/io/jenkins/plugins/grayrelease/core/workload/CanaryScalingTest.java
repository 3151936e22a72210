package io.jenkins.plugins.grayrelease.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.WorkloadNotAvailableException;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Canary replicas follow the traffic: scaled, and waited for, before a weight rises; scaled down
 * only after it has fallen. Each progress line is recorded with the canary's share of the
 * managed route at that moment, which shows the order of scale and shift.
 */
class CanaryScalingTest {

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSampleApp();
    private final ReleaseTarget target = SampleTargets.reviews();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void tenStableReplicasAndAOneReplicaCanary() {
        // A spec write (not the scale subresource): the sandbox then reports the 10 replicas available.
        cluster.client().apps().deployments().inNamespace("shop").withName("reviews-v1").edit(d -> {
            d.getSpec().setReplicas(10);
            return d;
        });
        cluster.engine().deployCanary(target, new CanaryDeployment("example.org/reviews:2.0", "v2", 1, null, null), WorkloadWait.none());
    }

    private GrayRelease scaled(CanaryScale scale, WorkloadWait wait) {
        return cluster.engine().withCanaryScale(scale, wait.withProgress(line -> events.add(line + " [canary share " + cluster.share("v2") + " %]")));
    }

    private int replicas(String deployment) {
        Deployment d = cluster.client().apps().deployments().inNamespace("shop").withName(deployment).get();
        return d.getSpec().getReplicas();
    }

    @Test
    void replicasAreAddedAndReadyBeforeTheWeightRisesAndRemovedOnlyAfterItFalls() {
        GrayRelease engine = scaled(CanaryScale.parse("traffic"), WorkloadWait.defaults());

        engine.setWeight(target, 30, WriteOptions.defaults());
        assertThat(replicas("reviews-v2")).isEqualTo(3);
        engine.setWeight(target, 10, WriteOptions.defaults());

        assertThat(replicas("reviews-v2")).isEqualTo(1);
        assertThat(replicas("reviews-v1")).isEqualTo(10);
        assertThat(events).filteredOn(e -> !e.contains("pods ready")).containsExactly(
                "shop/Deployment/reviews-v2: canary scaled up to 3 replicas [canary share 0 %]",
                "shop/Deployment/reviews-v2: canary scaled down to 1 replica [canary share 10 %]");
        assertThat(events).contains("shop/Deployment/reviews-v2: 3 of 3 canary pods ready [canary share 0 %]");
    }

    @Test
    void aCanaryWhosePodsDoNotGetReadyKeepsItsOldWeight() {
        cluster.simulateRollouts(false);
        GrayRelease engine = scaled(CanaryScale.parse("traffic"), WorkloadWait.defaults().withTimeout(Duration.ofMillis(300)));

        assertThatThrownBy(() -> engine.setWeight(target, 50, WriteOptions.defaults()))
                .isInstanceOf(WorkloadNotAvailableException.class)
                .hasMessageStartingWith("shop/Deployment/reviews-v2: not ready after 300ms");
        assertThat(cluster.share("v2")).isZero();
        assertThat(replicas("reviews-v2")).isEqualTo(5);
    }

    @Test
    void aFixedScaleKeepsThatManyReplicasWhateverTheWeight() {
        GrayRelease engine = scaled(CanaryScale.parse("2"), WorkloadWait.defaults());

        engine.setWeight(target, 20, WriteOptions.defaults());
        engine.setWeight(target, 5, WriteOptions.defaults());

        assertThat(replicas("reviews-v2")).as("traffic would give it 1").isEqualTo(2);
        assertThat(cluster.share("v2")).isEqualTo(5);
    }

    @Test
    void aFixedScaleTooSmallForTheWeightIsRefusedByTheReadinessGate() {
        GrayRelease engine = scaled(CanaryScale.parse("2"), WorkloadWait.defaults());

        // ceil(10 stable replicas x 80 / 100) = 8 canary pods are needed for 80 %: the gate, not the scale, decides.
        assertThatThrownBy(() -> engine.setWeight(target, 80, WriteOptions.defaults()))
                .isInstanceOf(io.jenkins.plugins.grayrelease.core.errors.WorkloadNotReadyException.class)
                .hasMessageContaining("2 of 8 pods the canary needs for 80 %");
        assertThat(cluster.share("v2")).isZero();
    }

    @Test
    void aDryRunScalesNothing() {
        GrayRelease engine = scaled(CanaryScale.parse("traffic"), WorkloadWait.defaults());

        engine.setWeight(target, 50, WriteOptions.dryRunOnly());

        assertThat(replicas("reviews-v2")).isEqualTo(1);
        assertThat(events).isEmpty();
    }

    @Test
    void withoutACanaryDeploymentTheShiftIsRefusedBeforeAnyWrite() {
        cluster.client().apps().deployments().inNamespace("shop").withName("reviews-v2").delete();
        GrayRelease engine = scaled(CanaryScale.parse("traffic"), WorkloadWait.defaults());

        assertThatThrownBy(() -> engine.setWeight(target, 10, WriteOptions.defaults()))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessageContaining("no Deployment's pods belong to the canary side, so none can be scaled");
        assertThat(cluster.share("v2")).isZero();
    }

    @Test
    void promotionGivesTheCanaryTheStablesReplicasFirstAndScalesTheOldStableDownOnceNoRouteSendsToIt() {
        GrayRelease engine = scaled(CanaryScale.parse("traffic"), WorkloadWait.defaults());
        engine.setWeight(target, 10, WriteOptions.defaults());
        removeTheTeamsRouteToV1();

        engine.promote(target, PromoteOptions.defaults().withScaleDownDelay(Duration.ofMillis(100)));

        assertThat(replicas("reviews-v2")).isEqualTo(10);
        assertThat(replicas("reviews-v1")).isZero();
        assertThat(events).filteredOn(e -> e.contains("scaled")).containsExactly(
                "shop/Deployment/reviews-v2: canary scaled up to 10 replicas [canary share 10 %]",
                "shop/Deployment/reviews-v1: old stable scaled down to 0 replicas [canary share 100 %]");
    }

    @Test
    void theOldStableKeepsItsReplicasWhileAnotherRouteStillSendsToIt() {
        GrayRelease engine = scaled(CanaryScale.parse("traffic"), WorkloadWait.defaults());
        engine.setWeight(target, 10, WriteOptions.defaults());

        engine.promote(target, PromoteOptions.defaults().withScaleDownDelay(Duration.ofMillis(100)));

        assertThat(replicas("reviews-v1")).isEqualTo(10);
        assertThat(events).contains("not scaling [reviews-v1] down: a route of shop/VirtualService/reviews still sends to reviews/v1"
                + " [canary share 100 %]");
    }

    /** The fixture's team pins the user jason to v1 with a route of its own. */
    private void removeTheTeamsRouteToV1() {
        var vs = cluster.virtualService();
        var http = (com.fasterxml.jackson.databind.node.ArrayNode) vs.path("spec").path("http");
        for (int i = 0; i < http.size(); i++) {
            if ("jason".equals(http.get(i).path("name").asText())) {
                cluster.client().genericKubernetesResources("networking.istio.io/v1", "VirtualService").inNamespace("shop")
                        .withName("reviews").patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"/spec/http/" + i + "\"}]");
                return;
            }
        }
    }
}
