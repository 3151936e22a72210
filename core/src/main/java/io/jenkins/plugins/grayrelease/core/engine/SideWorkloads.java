package io.jenkins.plugins.grayrelease.core.engine;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.routing.RouteSides;
import io.jenkins.plugins.grayrelease.core.workload.DeploymentRollout;
import io.jenkins.plugins.grayrelease.core.workload.DeploymentSummary;
import io.jenkins.plugins.grayrelease.core.workload.PodProblem;
import io.jenkins.plugins.grayrelease.core.workload.ReleaseWorkloads;
import io.jenkins.plugins.grayrelease.core.workload.SideSelector;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadReader;
import java.util.List;
import java.util.Objects;

/**
 * Each side's Deployments, found with the engine's one side selection ({@link SideSelectors}: the
 * Service's selector and the subset's labels), and, for a status, each seen through the readiness
 * viewer. One list of the namespace's Deployments serves both sides; a Deployment's pods are listed
 * only when it is not rolled out (for the pods' reason), as {@link WorkloadReader#rollout} does.
 */
final class SideWorkloads {

    private final WorkloadReader reader;
    private final SideSelectors selectors;
    private final RetryLoop retry;
    private final SessionCache session;

    /** @param session the session's memory (a Service's selector is read once per session), or null */
    SideWorkloads(WorkloadReader reader, SideSelectors selectors, RetryLoop retry, SessionCache session) {
        this.reader = reader;
        this.selectors = selectors;
        this.retry = retry;
        this.session = session;
    }

    /** The Deployments whose pods {@code side} selects; empty when the side's subset does not exist (yet). */
    List<Deployment> of(ReleaseTarget target, Snapshot snap, Destination side) {
        SideSelector selector = selectors.of(target, snap.subsets(), side, session);
        return selector == null ? List.of() : selector.select(all(target));
    }

    /** Both sides' Deployments with their readiness and their pods' problem. */
    ReleaseWorkloads summarize(ReleaseTarget target, Snapshot snap, RouteSides sides) {
        List<Deployment> all = all(target);
        return new ReleaseWorkloads(summaries(target, snap, sides.stable(), all),
                sides.canary() == null ? List.of() : summaries(target, snap, sides.canary(), all));
    }

    private List<Deployment> all(ReleaseTarget target) {
        return retry.run(new ObjectRef(target.namespace(), "Deployment", "(all)"), p -> reader.deployments(target.namespace()));
    }

    private List<DeploymentSummary> summaries(ReleaseTarget target, Snapshot snap, Destination side, List<Deployment> all) {
        SideSelector selector = selectors.of(target, snap.subsets(), side, session);
        if (selector == null) {
            return List.of();
        }
        return selector.select(all).stream()
                .map(d -> summary(d, retry.run(ObjectRef.deployment(target.namespace(), d.getMetadata().getName()), p -> reader.rollout(d))))
                .toList();
    }

    private static DeploymentSummary summary(Deployment d, DeploymentRollout rollout) {
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        String image = containers == null || containers.isEmpty() ? null : containers.get(0).getImage();
        int ready = d.getStatus() == null ? 0 : Objects.requireNonNullElse(d.getStatus().getReadyReplicas(), 0);
        String problem = rollout.podProblem().map(PodProblem::describe)
                .orElse(rollout.failed() ? "ProgressDeadlineExceeded" : null);
        return new DeploymentSummary(d.getMetadata().getName(), image, ready, rollout.desired(), problem);
    }
}
