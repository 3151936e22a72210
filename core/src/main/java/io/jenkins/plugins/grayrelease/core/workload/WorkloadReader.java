package io.jenkins.plugins.grayrelease.core.workload;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * Reads workloads for the engine: a namespace's Deployments in one request (a side is then picked
 * from them by {@link SideSelector}, so both sides cost one list), and a Deployment's pods, listed
 * by its own selector, only when the rollout is not done and the pods' reason is wanted.
 * Callers run it inside the engine's retry loop, which turns the client's exceptions into the engine's.
 */
public final class WorkloadReader {

    private final KubernetesClient client;

    public WorkloadReader(KubernetesClient client) {
        this.client = client;
    }

    /** Every Deployment of the namespace (one LIST request). */
    public List<Deployment> deployments(String namespace) {
        return client.apps().deployments().inNamespace(namespace).list().getItems();
    }

    /** One Deployment, or null (one GET request). */
    public Deployment get(String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    /** The Deployment's pods: those its {@code spec.selector.matchLabels} selects (one LIST request). */
    public List<Pod> pods(Deployment deployment) {
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        String labelSelector = selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(","));
        // ListOptions rather than withLabels: a refusal then names the namespace like every other request's.
        return client.pods().inNamespace(deployment.getMetadata().getNamespace())
                .list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLabelSelector(labelSelector).build()).getItems();
    }

    /** The rollout with the pods' reason when it is not done (pods listed only then). */
    public DeploymentRollout rollout(Deployment deployment) {
        DeploymentRollout first = DeploymentRolloutViewer.view(deployment);
        return first.done() ? first : DeploymentRolloutViewer.view(deployment, pods(deployment));
    }
}
