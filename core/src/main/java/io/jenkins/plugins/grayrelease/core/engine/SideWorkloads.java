package io.jenkins.plugins.grayrelease.core.engine;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.routing.RouteSides;
import io.jenkins.plugins.grayrelease.core.workload.DeploymentRollout;
import io.jenkins.plugins.grayrelease.core.workload.DeploymentRolloutViewer;
import io.jenkins.plugins.grayrelease.core.workload.DeploymentSummary;
import io.jenkins.plugins.grayrelease.core.workload.PodProblem;
import io.jenkins.plugins.grayrelease.core.workload.ReleaseWorkloads;
import io.jenkins.plugins.grayrelease.core.workload.SideSelector;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Each side's Deployments as a status shows them: found with the side's selection, each seen
 * through the readiness viewer with its own pods. Three reads, whatever the number of
 * Deployments: the Deployments and the pods of the namespace (and the side's Service selector).
 */
final class SideWorkloads {

    private final KubernetesClient client;
    private final RetryLoop retry;
    private final SideLabels sideLabels;

    SideWorkloads(KubernetesClient client, RetryLoop retry, SideLabels sideLabels) {
        this.client = client;
        this.retry = retry;
        this.sideLabels = sideLabels;
    }

    /** The Deployments whose pods {@code side} selects; empty when the side's subset does not exist. */
    List<Deployment> of(ReleaseTarget target, Snapshot snap, Destination side) {
        SideSelector selector = selector(target, snap, side);
        if (selector == null) {
            return List.of();
        }
        List<Deployment> all = retry.run(new ObjectRef(target.namespace(), "Deployment", "(all)"),
                p -> client.apps().deployments().inNamespace(target.namespace()).list().getItems());
        return selector.select(all);
    }

    /** Both sides' Deployments with their readiness and their pods' problem. */
    ReleaseWorkloads summarize(ReleaseTarget target, Snapshot snap, RouteSides sides) {
        List<Deployment> all = retry.run(new ObjectRef(target.namespace(), "Deployment", "(all)"),
                p -> client.apps().deployments().inNamespace(target.namespace()).list().getItems());
        List<Pod> pods = retry.run(new ObjectRef(target.namespace(), "Pod", "(all)"),
                p -> client.pods().inNamespace(target.namespace()).list().getItems());
        return new ReleaseWorkloads(summaries(target, snap, sides.stable(), all, pods),
                sides.canary() == null ? List.of() : summaries(target, snap, sides.canary(), all, pods));
    }

    private List<DeploymentSummary> summaries(ReleaseTarget target, Snapshot snap, Destination side, List<Deployment> all, List<Pod> pods) {
        SideSelector selector = selector(target, snap, side);
        if (selector == null) {
            return List.of();
        }
        return selector.select(all).stream().map(d -> summary(d, podsOf(d, pods))).toList();
    }

    static DeploymentSummary summary(Deployment d, List<Pod> pods) {
        DeploymentRollout rollout = DeploymentRolloutViewer.view(d, pods);
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        String image = containers == null || containers.isEmpty() ? null : containers.get(0).getImage();
        int ready = d.getStatus() == null ? 0 : Objects.requireNonNullElse(d.getStatus().getReadyReplicas(), 0);
        String problem = rollout.podProblem().map(PodProblem::describe)
                .orElse(rollout.failed() ? "ProgressDeadlineExceeded" : null);
        return new DeploymentSummary(d.getMetadata().getName(), image, ready, rollout.desired(), problem);
    }

    private static List<Pod> podsOf(Deployment d, List<Pod> pods) {
        Map<String, String> selector = d.getSpec().getSelector() == null ? null : d.getSpec().getSelector().getMatchLabels();
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        return pods.stream().filter(p -> p.getMetadata().getLabels() != null
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(p.getMetadata().getLabels().get(e.getKey())))).toList();
    }

    /** The side's selection; null when its subset does not exist (yet). */
    private SideSelector selector(ReleaseTarget target, Snapshot snap, Destination side) {
        // TODO(workloads-gate): the Service's selector together with the subset's labels.
        Map<String, String> labels = sideLabels.of(target.namespace(), snap.subsets(), side);
        return labels == null ? null : new SideSelector(target.service(), Map.of(), labels);
    }
}
