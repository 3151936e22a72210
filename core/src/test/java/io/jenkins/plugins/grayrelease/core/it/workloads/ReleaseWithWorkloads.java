package io.jenkins.plugins.grayrelease.core.it.workloads;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.it.SampleRelease;
import java.util.Map;

/**
 * The sample release (VirtualService and DestinationRule of {@code reviews}, subsets v1 and v2)
 * with what its routes send to: the Service {@code reviews} and a stable Deployment
 * {@code reviews-v1} whose pods are ready, on the {@link WorkloadCluster}.
 */
public final class ReleaseWithWorkloads {

    public static final String STABLE_IMAGE = "registry.example/reviews:1.0";

    private ReleaseWithWorkloads() {
    }

    /**
     * @param podAnnotations of the stable's pod template, which a deployed canary copies (e.g. a
     *                       {@link PodBehaviour#startDelay}); empty for plain ready pods
     */
    public static SampleRelease install(WorkloadCluster cluster, String prefix, int stableReplicas, Map<String, String> podAnnotations) {
        SampleRelease release = SampleRelease.install(cluster.server(), prefix);
        KubernetesClient client = cluster.client();
        client.services().inNamespace(release.namespace()).resource(new ServiceBuilder().withNewMetadata().withName("reviews").endMetadata()
                .withNewSpec().addToSelector("app", "reviews").addNewPort().withName("http").withPort(9080).endPort().endSpec().build()).create();
        client.apps().deployments().inNamespace(release.namespace())
                .resource(deployment("reviews-v1", "v1", STABLE_IMAGE, stableReplicas, podAnnotations)).create();
        SampleDeployments.awaitAvailable(client, release.namespace(), "reviews-v1");
        return release;
    }

    /** A Deployment of reviews' pods of {@code version} ({@code app=reviews, version=…}). */
    public static Deployment deployment(String name, String version, String image, int replicas, Map<String, String> podAnnotations) {
        Map<String, String> labels = Map.of("app", "reviews", "version", version);
        return new DeploymentBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).withAnnotations(podAnnotations).endMetadata()
                .withNewSpec().addNewContainer().withName("reviews").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }
}
