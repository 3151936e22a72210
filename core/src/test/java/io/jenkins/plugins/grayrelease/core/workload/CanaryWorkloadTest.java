package io.jenkins.plugins.grayrelease.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.MissingObjectException;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CanaryWorkloadTest {

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSampleApp();
    private final GrayRelease engine = cluster.engine();
    private final ReleaseTarget target = SampleTargets.reviews();

    CanaryWorkloadTest() {
        // These tests create the canary themselves: the fixture's own reviews-v2 goes.
        cluster.client().apps().deployments().inNamespace("shop").withName("reviews-v2").delete();
    }

    private Deployment deployment(String name) {
        return cluster.client().apps().deployments().inNamespace("shop").withName(name).get();
    }

    @Test
    void canaryIsCreatedFromTheStableDeploymentWithNewImageAndVersionLabels() {
        WorkloadStatus status = engine.deployCanary(target, new CanaryDeployment("example.org/reviews:2.0", "v2", 1, null, null));

        assertThat(status.created()).isTrue();
        assertThat(status.name()).isEqualTo("reviews-v2");
        Deployment canary = deployment("reviews-v2");
        assertThat(canary.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of("app", "reviews", "version", "v2"));
        assertThat(canary.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(Map.of("app", "reviews", "version", "v2"));
        assertThat(canary.getSpec().getReplicas()).isEqualTo(1);
        assertThat(canary.getSpec().getTemplate().getSpec().getContainers()).extracting(c -> c.getImage())
                .containsExactly("example.org/reviews:2.0", "example.org/shipper:3");
        assertThat(canary.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getContainerPort()).isEqualTo(9080);
        assertThat(deployment("reviews-v1").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("example.org/reviews:1.0");
    }

    @Test
    void deployingAgainUpdatesImageAndReplicas() {
        engine.deployCanary(target, new CanaryDeployment("example.org/reviews:2.0", "v2", 1, null, null));

        WorkloadStatus again = engine.deployCanary(target, new CanaryDeployment("example.org/reviews:2.1", "v2", 3, "reviews-v1", "reviews"));

        assertThat(again.created()).isFalse();
        Deployment canary = deployment("reviews-v2");
        assertThat(canary.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("example.org/reviews:2.1");
        assertThat(canary.getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void replicasDefaultToTheStableOnes() {
        assertThat(engine.deployCanary(target, new CanaryDeployment("example.org/reviews:2.0", "v2", null, null, null)).replicas()).isEqualTo(2);

        assertThat(deployment("reviews-v2").getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void canaryForAMissingSubsetUsesTheLabelTheAddedSubsetWillSelect() {
        ReleaseTarget v3 = target.toBuilder().canarySubset("v3").build();
        WorkloadStatus status = engine.deployCanary(v3, new CanaryDeployment("example.org/reviews:3.0", "v3", 1, null, null));
        engine.setWeight(v3, 10, WriteOptions.defaults().withAddCanarySubset(true));

        assertThat(status.podLabels()).containsEntry("version", "v3");
        assertThat(SubsetLabels.of(cluster.destinationRule("reviews"), "v3")).isEqualTo(Map.of("version", "v3"));
    }

    @Test
    void promoteWithCleanupDeletesTheOldStableDeploymentOnly() {
        engine.deployCanary(target, new CanaryDeployment("example.org/reviews:2.0", "v2", 2, null, null));
        engine.setWeight(target, 50, WriteOptions.defaults());

        engine.promote(target, new PromoteOptions(WriteOptions.defaults(), true));

        assertThat(deployment("reviews-v1")).isNull();
        assertThat(deployment("reviews-v2")).isNotNull();
    }

    @Test
    void promoteWithoutCleanupKeepsTheOldStableDeployment() {
        engine.deployCanary(target, new CanaryDeployment("example.org/reviews:2.0", "v2", 2, null, null));
        engine.promote(target, PromoteOptions.defaults());
        assertThat(deployment("reviews-v1")).isNotNull();
    }

    @Test
    void badWorkloadRequestsAreRefused() {
        assertThatThrownBy(() -> engine.deployCanary(target, new CanaryDeployment(" ", "v2", 1, null, null)))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessage("shop/Deployment/reviews-v2: image: no image given. Give the canary's image, e.g. registry/app:2.0");
        assertThatThrownBy(() -> engine.deployCanary(target, new CanaryDeployment("img", "v2!", 1, null, null)))
                .isInstanceOf(InvalidReleaseException.class).hasMessageContaining("version: 'v2!' is not a valid label value");
        assertThatThrownBy(() -> engine.deployCanary(target, new CanaryDeployment("img", "v2", 1, "reviews-v0", null)))
                .isInstanceOf(MissingObjectException.class).hasMessageStartingWith("shop/Deployment/reviews-v0: not found.");
        assertThatThrownBy(() -> engine.deployCanary(target, new CanaryDeployment("img", "v2", 1, null, "sidecar")))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessageContaining("spec.template.spec.containers: has no container named 'sidecar'; containers: [reviews, log-shipper]");
        assertThat(deployment("reviews-v2")).isNull();
    }

    /** Reads a subset's labels from a DestinationRule tree. */
    private static final class SubsetLabels {
        static Map<String, String> of(com.fasterxml.jackson.databind.JsonNode dr, String subset) {
            return io.jenkins.plugins.grayrelease.core.routing.SubsetCheck.labels(dr, subset);
        }
    }

    @Test
    void workloadWritesSurviveTransientFaults() {
        cluster.faults().fail("POST", "/deployments", io.jenkins.plugins.grayrelease.core.testing.FaultInjector.Fault.HTTP_503, 1);
        assertThat(engine.deployCanary(target, new CanaryDeployment("example.org/reviews:2.0", "v2", 1, null, null)).name()).isEqualTo("reviews-v2");

        cluster.faults().fail("PATCH", "/deployments/reviews-v2", io.jenkins.plugins.grayrelease.core.testing.FaultInjector.Fault.HTTP_500, 1);
        engine.deployCanary(target, new CanaryDeployment("example.org/reviews:2.0", "v2", 4, null, null));
        assertThat(deployment("reviews-v2").getSpec().getReplicas()).isEqualTo(4);

        cluster.faults().fail("DELETE", "/deployments/reviews-v1", io.jenkins.plugins.grayrelease.core.testing.FaultInjector.Fault.HTTP_503, 1);
        engine.promote(target, new PromoteOptions(WriteOptions.defaults(), true));
        assertThat(deployment("reviews-v1")).isNull();
    }
}
