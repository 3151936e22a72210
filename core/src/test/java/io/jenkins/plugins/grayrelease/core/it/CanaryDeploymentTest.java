package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.jenkins.plugins.grayrelease.core.workload.CanaryDeployment;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec only: no controller-manager runs, so no pods appear; the API server still validates every field. */
@ApiServerTest
class CanaryDeploymentTest {

    private static void createStableDeployment(RealApiServer server, String namespace) {
        Map<String, String> labels = Map.of("app", "reviews", "version", "v1");
        // This test's stable (3 replicas) instead of the sample's workloads.
        server.client().apps().deployments().inNamespace(namespace).withName("reviews-v1").withGracePeriod(0).delete();
        server.client().apps().deployments().inNamespace(namespace).withName("reviews-v2").withGracePeriod(0).delete();
        org.awaitility.Awaitility.await().until(() -> server.client().apps().deployments().inNamespace(namespace).list().getItems().isEmpty());
        server.client().apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName("reviews-v1").withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(3)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("reviews").withImage("example.org/reviews:1.0").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
    }

    @Test
    void canaryDeploymentIsCreatedFromStableWithTheNewImageAndTheCanarySubsetsLabels(RealApiServer server) {
        SampleRelease release = SampleRelease.install(server, "deploy");
        createStableDeployment(server, release.namespace());

        WorkloadStatus created = release.engine().deployCanary(release.target(),
                new CanaryDeployment("example.org/reviews:2.0", "v2", null, null, null));

        Deployment canary = server.client().apps().deployments().inNamespace(release.namespace()).withName(created.name()).get();
        assertThat(created.created()).isTrue();
        assertThat(canary.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("example.org/reviews:2.0");
        assertThat(canary.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app", "reviews").containsEntry("version", "v2");
        assertThat(canary.getSpec().getSelector().getMatchLabels()).containsEntry("version", "v2");
        assertThat(canary.getSpec().getReplicas()).isEqualTo(3);
        Deployment stable = server.client().apps().deployments().inNamespace(release.namespace()).withName("reviews-v1").get();
        assertThat(stable.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("example.org/reviews:1.0");
    }

    @Test
    void deployingAgainUpdatesTheSameCanaryDeployment(RealApiServer server) {
        SampleRelease release = SampleRelease.install(server, "redeploy");
        createStableDeployment(server, release.namespace());
        release.engine().deployCanary(release.target(), new CanaryDeployment("example.org/reviews:2.0", "v2", 1, null, null));

        WorkloadStatus updated = release.engine().deployCanary(release.target(),
                new CanaryDeployment("example.org/reviews:2.1", "v2", 2, null, null));

        assertThat(updated.created()).isFalse();
        assertThat(server.client().apps().deployments().inNamespace(release.namespace()).list().getItems())
                .extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder("reviews-v1", updated.name());
        Deployment canary = server.client().apps().deployments().inNamespace(release.namespace()).withName(updated.name()).get();
        assertThat(canary.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("example.org/reviews:2.1");
        assertThat(canary.getSpec().getReplicas()).isEqualTo(2);
    }
}
