package io.jenkins.plugins.grayrelease.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import io.jenkins.plugins.grayrelease.core.testing.Workloads;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Istio's Bookinfo in one namespace: four services, each with a {@code version: v1} Deployment and a
 * DestinationRule whose subset {@code v1} is {@code {version: v1}}. A side's pods are its Service's
 * selector and its subset's labels, so releasing reviews never looks at, and never deletes, details,
 * ratings or productpage. Both failed on main: deploy found "several Deployments serve the stable
 * side: [details-v1, productpage-v1, ratings-v1, reviews-v1]", and promote --cleanup deleted all four.
 */
class BookinfoCleanupTest {

    private static final List<String> SERVICES = List.of("details", "ratings", "reviews", "productpage");

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.start();
    private final GrayRelease engine = cluster.engine();
    private final ReleaseTarget reviews = ReleaseTarget.builder("bookinfo", "reviews").stableSubset("v1").canarySubset("v2").build();

    BookinfoCleanupTest() {
        cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("bookinfo").endMetadata().build()).create();
        for (String service : SERVICES) {
            Workloads.serve(cluster.client(), "bookinfo", service, "v1");
            cluster.load("""
                    apiVersion: networking.istio.io/v1
                    kind: DestinationRule
                    metadata: {name: %1$s, namespace: bookinfo}
                    spec:
                      host: %1$s
                      subsets:
                      - {name: v1, labels: {version: v1}}
                      - {name: v2, labels: {version: v2}}
                    ---
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: %1$s, namespace: bookinfo}
                    spec:
                      hosts: [%1$s]
                      http:
                      - route:
                        - destination: {host: %1$s, subset: v1}
                    """.formatted(service));
        }
    }

    private List<String> deployments() {
        return cluster.client().apps().deployments().inNamespace("bookinfo").list().getItems().stream()
                .map(d -> d.getMetadata().getName()).sorted().toList();
    }

    @Test
    void deployingReviewsV2FindsReviewsV1AmongFourV1Deployments() {
        WorkloadStatus canary = engine.deployCanary(reviews, new CanaryDeployment("example.org/reviews:2.0", "v2", null, null, null));

        Deployment created = cluster.client().apps().deployments().inNamespace("bookinfo").withName("reviews-v2").get();
        assertThat(canary.created()).isTrue();
        assertThat(created.getMetadata().getAnnotations()).containsEntry(CanaryWorkloads.CREATED_FROM, "reviews-v1");
        assertThat(created.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(Map.of("app", "reviews", "version", "v2"));
    }

    @Test
    void promotingReviewsWithCleanupDeletesReviewsV1Only() {
        engine.deployCanary(reviews, new CanaryDeployment("example.org/reviews:2.0", "v2", null, null, null));
        engine.setWeight(reviews, 50, WriteOptions.defaults());

        OperationResult result = engine.promote(reviews, new PromoteOptions(WriteOptions.defaults(), true));

        assertThat(deployments()).containsExactly("details-v1", "productpage-v1", "ratings-v1", "reviews-v2");
        assertThat(result.notes()).containsExactly("Clean-up: deleted bookinfo/Deployment/reviews-v1 (the old stable).");
    }

    @Test
    void twoDeploymentsTheEngineMayDeleteAreRefusedNamingThemBeforeAnythingIsWritten() {
        // A second v1 workload of reviews that Gray Release created earlier (it carries the annotation).
        Deployment second = Workloads.deployment("bookinfo", "reviews-v1-canary", Map.of("app", "reviews", "version", "v1", "track", "b"), 1);
        second.getMetadata().setAnnotations(Map.of(CanaryWorkloads.CREATED_FROM, "reviews-v0"));
        cluster.client().apps().deployments().inNamespace("bookinfo").resource(second).create();
        engine.deployCanary(reviews, new CanaryDeployment("example.org/reviews:2.0", "v2", 3, "reviews-v1", null));
        engine.setWeight(reviews, 50, WriteOptions.defaults());

        assertThatThrownBy(() -> engine.promote(reviews, new PromoteOptions(WriteOptions.defaults(), true)))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessage("bookinfo/Deployment/(serving app=reviews,version=v1): cleanup: several Deployments of the old stable side"
                        + " may be deleted: [reviews-v1, reviews-v1-canary]. Name the one to delete with from (grayctl promote --cleanup"
                        + " --from NAME; Jenkins grayPromote(cleanup: true, from: 'NAME')). Nothing was changed");
        assertThat(engine.status(reviews).weights().canary()).isEqualTo(50);

        engine.promote(reviews, new PromoteOptions(WriteOptions.defaults(), true, "reviews-v1-canary"));
        assertThat(deployments()).containsExactly("details-v1", "productpage-v1", "ratings-v1", "reviews-v1", "reviews-v2");
    }

    @Test
    void fromMustNameADeploymentOfTheOldStableSide() {
        engine.deployCanary(reviews, new CanaryDeployment("example.org/reviews:2.0", "v2", null, null, null));

        assertThatThrownBy(() -> engine.promote(reviews, new PromoteOptions(WriteOptions.defaults(), true, "ratings-v1")))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessage("bookinfo/Deployment/ratings-v1: from: its pods are not the old stable side's (app=reviews,version=v1),"
                        + " or they are the new stable's. Name a Deployment of the old stable side: [reviews-v1]. Nothing was changed");
        assertThat(deployments()).contains("ratings-v1", "reviews-v1");
    }

    @Test
    void aDeploymentChangedSinceItWasReadIsNotDeleted() {
        Deployment seen = cluster.client().apps().deployments().inNamespace("bookinfo").withName("ratings-v1").get();
        cluster.client().apps().deployments().inNamespace("bookinfo").withName("ratings-v1").edit(d -> {
            d.getSpec().setReplicas(3);
            return d;
        });

        assertThatThrownBy(() -> new CanaryWorkloads(cluster.client()).delete(seen))
                .isInstanceOf(io.fabric8.kubernetes.client.KubernetesClientException.class)
                .satisfies(e -> assertThat(((io.fabric8.kubernetes.client.KubernetesClientException) e).getCode()).isEqualTo(409));
        assertThat(deployments()).contains("ratings-v1");
    }
}
