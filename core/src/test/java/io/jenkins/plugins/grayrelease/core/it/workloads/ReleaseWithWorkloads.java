package io.jenkins.plugins.grayrelease.core.it.workloads;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.it.SampleRelease;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import io.jenkins.plugins.grayrelease.sandbox.SandboxObjects;
import java.util.Map;

/**
 * The sample release's routing objects (VirtualService and DestinationRule of {@code reviews},
 * subsets v1 and v2) with what its routes send to: the Service {@code reviews} and a stable
 * Deployment {@code reviews-v1} whose pods the controller and KWOK make ready, on the {@link WorkloadCluster}.
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
        // Only the routing objects of the sample: its Service and Deployments are made here, and their
        // status is the controller's (the sample's own Deployments come with a status written by hand).
        String namespace = cluster.createNamespace(prefix);
        KubernetesClient client = cluster.client();
        SandboxObjects.create(client, namespace, Variant.ADMIN_ROUTE.yaml("VirtualService"));
        SandboxObjects.create(client, namespace, Variant.ADMIN_ROUTE.yaml("DestinationRule"));
        SampleRelease release = new SampleRelease(cluster.server(), namespace, ReleaseTarget.builder(namespace, Variant.ADMIN_ROUTE.service())
                .stableSubset("v1").canarySubset("v2").build(), new GrayRelease(client, SampleRelease.ACTOR));
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
