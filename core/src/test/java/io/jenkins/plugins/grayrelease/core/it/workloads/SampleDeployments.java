package io.jenkins.plugins.grayrelease.core.it.workloads;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deployments, Services and the waits the {@code workloads} tests share. Pods are labelled
 * {@code app=<name>}; the image names a registry nobody contacts (there are no containers).
 */
public final class SampleDeployments {

    /** Generous: everything happens within seconds, but CI shares two CPUs. */
    public static final Duration TIMEOUT = Duration.ofSeconds(90);
    public static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private SampleDeployments() {
    }

    /** A Deployment of {@code replicas} pods labelled {@code app=name} and {@code labels}; {@code podAnnotations} e.g. a {@link PodBehaviour}. */
    public static Deployment create(KubernetesClient client, String namespace, String name, int replicas,
            Map<String, String> labels, Map<String, String> podAnnotations, Map<String, String> nodeSelector) {
        Map<String, String> podLabels = new HashMap<>(labels);
        podLabels.put("app", name);
        return client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withLabels(podLabels).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(podLabels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(podLabels).withAnnotations(podAnnotations).endMetadata()
                .withNewSpec().withNodeSelector(nodeSelector)
                .addNewContainer().withName("app").withImage("registry.example/" + name + ":1.0").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
    }

    /** A plain Deployment of {@code replicas} healthy pods. */
    public static Deployment create(KubernetesClient client, String namespace, String name, int replicas) {
        return create(client, namespace, name, replicas, Map.of(), Map.of(), Map.of());
    }

    /** A ClusterIP Service selecting {@code app=name} on port 9080. */
    public static void createService(KubernetesClient client, String namespace, String name) {
        client.services().inNamespace(namespace).resource(new ServiceBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addToSelector("app", name)
                .addNewPort().withName("http").withPort(9080).endPort().endSpec().build()).create();
    }

    /** Waits until the Deployment's status shows every replica updated and available for its current generation. */
    public static Deployment awaitAvailable(KubernetesClient client, String namespace, String name) {
        await(namespace + "/Deployment/" + name + " available").atMost(TIMEOUT).pollInterval(POLL_INTERVAL)
                .until(() -> isAvailable(client.apps().deployments().inNamespace(namespace).withName(name).get()));
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    static boolean isAvailable(Deployment d) {
        if (d == null || d.getStatus() == null) {
            return false;
        }
        int wanted = d.getSpec().getReplicas();
        return Objects.equals(d.getStatus().getObservedGeneration(), d.getMetadata().getGeneration())
                && count(d.getStatus().getUpdatedReplicas()) == wanted
                && count(d.getStatus().getAvailableReplicas()) == wanted
                && count(d.getStatus().getReplicas()) == wanted;
    }

    /** The Deployment's pods (by {@code app=name}), terminating ones included. */
    public static List<Pod> pods(KubernetesClient client, String namespace, String name) {
        return client.pods().inNamespace(namespace).withLabel("app", name).list().getItems();
    }

    /** The status of a pod condition ("True", "False"), or null when the pod has none of that type. */
    public static String condition(Pod pod, String type) {
        return pod.getStatus().getConditions() == null ? null : pod.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType())).map(c -> c.getStatus()).findFirst().orElse(null);
    }

    /** The reason a pod's first container is waiting (CrashLoopBackOff, ImagePullBackOff, …), or null. */
    public static String waitingReason(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
        if (statuses == null || statuses.isEmpty() || statuses.get(0).getState() == null
                || statuses.get(0).getState().getWaiting() == null) {
            return null;
        }
        return statuses.get(0).getState().getWaiting().getReason();
    }

    /** The endpoints of every EndpointSlice of the Service. */
    public static List<Endpoint> endpoints(KubernetesClient client, String namespace, String service) {
        return client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel("kubernetes.io/service-name", service).list().getItems().stream()
                .map(EndpointSlice::getEndpoints).filter(Objects::nonNull).flatMap(List::stream).toList();
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }
}
