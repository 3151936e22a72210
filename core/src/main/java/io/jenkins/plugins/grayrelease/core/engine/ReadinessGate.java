package io.jenkins.plugins.grayrelease.core.engine;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.errors.WorkloadNotReadyException;
import io.jenkins.plugins.grayrelease.core.routing.RouteObservation;
import io.jenkins.plugins.grayrelease.core.routing.RouteSides;
import io.jenkins.plugins.grayrelease.core.routing.TrafficRouter;
import io.jenkins.plugins.grayrelease.core.workload.DeploymentRollout;
import io.jenkins.plugins.grayrelease.core.workload.DeploymentRolloutViewer;
import io.jenkins.plugins.grayrelease.core.workload.SideSelector;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadReader;
import java.util.List;

/**
 * No write sends requests to a canary whose pods cannot answer them. Before a write that gives the
 * canary more than it has now (a higher weight, a promotion, a new or changed tester route, a larger
 * mirror), the canary side's Deployments (its Service's selector and its subset's labels) must be
 * rolled out, as {@code kubectl rollout status} says, and have enough available pods for the share:
 *
 * <p><b>required = max(1, ceil(stable's available pods x share / 100))</b>, the share being the weight
 * after the write (or the mirrored percent; 1 pod for testers). So each canary pod takes no more than
 * a stable pod takes now: 10 % next to 10 stable pods needs 1 pod, 50 % needs 5, a promotion as many as
 * the stable has. The same rule sizes the canary when its replicas follow the traffic.
 *
 * <p>Writes that take traffic away from the canary (lower weight, rollback, removing testers) are never
 * checked: the way back must always be open. The stable side is not checked either: it is already
 * serving. Cost: one LIST of the namespace's Deployments per checked write (both sides from one list),
 * the canary's pods only when it is not ready, the Service read once per session.
 */
final class ReadinessGate {

    private final WorkloadReader reader;
    private final SideSelectors selectors;
    private final RetryLoop retry;

    ReadinessGate(WorkloadReader reader, SideSelectors selectors, RetryLoop retry) {
        this.reader = reader;
        this.selectors = selectors;
        this.retry = retry;
    }

    /**
     * The share of the traffic the plan gives the canary that must be checked: more than it has now,
     * or new pods (see {@link #share}); -1 when nothing needs checking (opted out, no canary, less traffic).
     */
    int shareToCheck(ReleaseTarget target, Snapshot snap, PlannedOperation plan) {
        RouteSides sides = plan.sides();
        if (!target.readinessGate() || sides.canary() == null || plan.isEmpty()) {
            return -1;
        }
        TrafficRouter router = snap.router();
        RouteObservation before = router.observe(snap.routing(), target.routingRef(), target.route(), sides);
        RouteObservation after = router.observe(plan.routing(), target.routingRef(), target.route(), sides);
        return share(before, after, !plan.subsetsDiff().isEmpty());
    }

    /**
     * Throws {@link WorkloadNotReadyException} unless the canary of {@code sides} can take {@code share}
     * percent of the traffic, judged with the subsets of {@code subsets} (as the plan will store them).
     *
     * @param session the session's memory, or null (then the Service is read once for this check)
     */
    void check(ReleaseTarget target, com.fasterxml.jackson.databind.JsonNode subsets, RouteSides sides, int share, SessionCache session) {
        SessionCache memo = session != null ? session : new SessionCache();
        Destination canary = sides.canary();
        SideSelector canarySide = selectors.of(target, subsets, canary, memo);
        if (canarySide == null) {
            return; // a missing subset is the planner's error, reported before this
        }
        String namespace = SideSelectors.serviceOf(target, canary).namespace();
        List<Deployment> all = retry.run(new ObjectRef(namespace, "Deployment", "(list)"), "items", p -> reader.deployments(namespace));
        List<Deployment> serving = canarySide.select(all);
        int stableAvailable = 0;
        SideSelector stableSide = selectors.of(target, subsets, sides.stable(), memo);
        if (stableSide != null) {
            stableAvailable = stableSide.select(all).stream().mapToInt(d -> DeploymentRolloutViewer.view(d).available()).sum();
        }
        int required = Math.max(1, (int) Math.ceil(stableAvailable * share / 100.0));
        if (serving.isEmpty()) {
            throw new WorkloadNotReadyException(SideSelectors.serviceOf(target, canary), "spec.selector",
                    "no Deployment's pods carry " + canarySide.labelSelector() + ", so nothing would answer the " + describe(share)
                            + " sent to the canary " + canary,
                    "Deploy the canary first (grayctl deploy; Jenkins grayDeploy), check the canary's name for a typo, or, when its workloads"
                            + " run where the engine cannot see them, turn the readiness gate off (grayctl --no-readiness-gate;"
                            + " Jenkins and plans: readinessGate: false). Nothing was changed",
                    0, required, null);
        }
        int available = 0;
        for (Deployment d : serving) {
            DeploymentRollout view = DeploymentRolloutViewer.view(d);
            if (!view.done()) {
                throw notReady(retry.run(view.deployment(), "status", p -> reader.rollout(d)), share, required, view.available());
            }
            available += view.available();
        }
        if (available < required) {
            Deployment first = serving.get(0);
            DeploymentRollout view = DeploymentRolloutViewer.view(first);
            throw new WorkloadNotReadyException(view.deployment(), "spec.replicas",
                    available + " of " + required + " pods the canary needs for " + describe(share) + " are available (the stable side serves with "
                            + stableAvailable + " available pods; each canary pod should take no more than a stable pod)",
                    "Scale the canary up first (kubectl scale deployment/" + first.getMetadata().getName() + " --replicas=" + required
                            + "), or send it a smaller share. Nothing was changed",
                    available, required, null);
        }
    }

    private static WorkloadNotReadyException notReady(DeploymentRollout view, int share, int required, int available) {
        String name = view.deployment().name();
        String reason = view.problem() == null ? null : view.problem().reason();
        String fix = view.failed() || reason != null
                ? "Fix the canary's pods (kubectl describe deployment/" + name + "; kubectl logs deployment/" + name
                        + "), or deploy a working image"
                : "Wait until it is rolled out (kubectl rollout status deployment/" + name + "; grayctl deploy waits for it)";
        String problem = view.sentence().substring(view.deployment().toString().length() + 2);
        return new WorkloadNotReadyException(view.deployment(), "status", "not ready for " + describe(share) + ": " + problem,
                fix + ". Nothing was changed", available, required, reason);
    }

    /**
     * The share the canary gets after the write when it is more than before, -1 otherwise: the weight,
     * else the mirrored percent, else 1 for a tester route (its share is unknown). A changed
     * DestinationRule (an added canary subset, a fixed subset pointed at a new version) means new
     * pods, checked for whatever they get.
     */
    static int share(RouteObservation before, RouteObservation after, boolean subsetsChange) {
        int weight = after.weights().canary();
        int mirror = after.mirrorPercent();
        boolean testers = !after.testers().isEmpty();
        boolean grows = weight > before.weights().canary() || mirror > before.mirrorPercent()
                || (testers && !after.testers().equals(before.testers()));
        boolean receives = weight > 0 || mirror > 0 || testers;
        if (!grows && !(subsetsChange && receives)) {
            return -1;
        }
        return Math.max(1, Math.max(weight, mirror));
    }

    private static String describe(int share) {
        return share + " % of the traffic";
    }
}
