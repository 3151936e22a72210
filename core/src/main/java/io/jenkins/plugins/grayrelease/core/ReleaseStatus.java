package io.jenkins.plugins.grayrelease.core;

import io.jenkins.plugins.grayrelease.core.state.LastChange;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import io.jenkins.plugins.grayrelease.core.workload.ReleaseWorkloads;
import java.util.List;

/**
 * A release as it really is: the weights read from the routing object (VirtualService or HTTPRoute), next to what the engine
 * recorded, and any difference between the two. What was recorded (phase, last change) lives in
 * {@code state} only; {@link #phase()} and {@link #lastChange()} read it from there.
 *
 * @param namespace       the namespace
 * @param service         the service
 * @param routeKind       the kind of routing object the release edits
 * @param routingObject   its name ({@code NAMESPACE/NAME} when it lives in another namespace)
 * @param route           the managed route's name (null when the route has no name)
 * @param stable          the stable side
 * @param canary          the canary side, or null when no release is under way
 * @param weights         the managed route's split as it is in the routing object
 * @param testers         the engine's tester matches in place (empty when none)
 * @param mirrorPercent   the share of the managed route mirrored to the canary (0 when none)
 * @param state           the recorded state, or null when missing or unreadable
 * @param stateProblem    why the recorded state could not be used (missing, malformed), or null
 * @param drift           differences between the record and the routing object, one sentence each
 * @param resourceVersion the routing object's resourceVersion this status was read at
 * @param workloads       each side's Deployments with their readiness, or null when not read
 *                        (the status a write returns is planned from the routing object alone)
 */
public record ReleaseStatus(String namespace, String service, RouteKind routeKind, String routingObject, String route,
                            Destination stable, Destination canary, WeightSplit weights,
                            List<TesterMatch> testers, int mirrorPercent, ReleaseState state,
                            String stateProblem, List<String> drift, String resourceVersion, ReleaseWorkloads workloads) {

    /** A status without its workloads (not read). */
    public ReleaseStatus(String namespace, String service, RouteKind routeKind, String routingObject, String route,
                         Destination stable, Destination canary, WeightSplit weights,
                         List<TesterMatch> testers, int mirrorPercent, ReleaseState state,
                         String stateProblem, List<String> drift, String resourceVersion) {
        this(namespace, service, routeKind, routingObject, route, stable, canary, weights, testers, mirrorPercent, state,
                stateProblem, drift, resourceVersion, null);
    }

    public ReleaseStatus {
        testers = testers == null ? List.of() : List.copyOf(testers);
        drift = drift == null ? List.of() : List.copyOf(drift);
    }

    /** This status with the sides' Deployments as read. */
    public ReleaseStatus withWorkloads(ReleaseWorkloads read) {
        return new ReleaseStatus(namespace, service, routeKind, routingObject, route, stable, canary, weights, testers,
                mirrorPercent, state, stateProblem, drift, resourceVersion, read);
    }

    /** The recorded phase, or null when nothing is recorded. */
    public Phase phase() {
        return state == null ? null : state.phase();
    }

    /** The last recorded change, or null. */
    public LastChange lastChange() {
        return state == null ? null : state.lastChange();
    }
}
