package io.jenkins.plugins.grayrelease.core.engine;

import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.routing.RouteChange;
import io.jenkins.plugins.grayrelease.core.routing.RouteSides;
import io.jenkins.plugins.grayrelease.core.routing.SubsetCheck;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.workload.CanaryWorkloads;
import java.util.List;
import java.util.Map;

/**
 * A promotion: all traffic to the canary, which becomes the recorded stable, and, when asked,
 * the old stable's Deployments deleted once the routes are stored.
 *
 * <p>In the fixed-subset layout it takes up to three guarded writes, each leaving a valid state:
 * canary 100 %; the stable subset takes the canary's labels; stable 100 %, canary 0 %. Each write
 * is planned from a fresh read, so an interrupted promotion resumes at the step it stopped before.
 * A dry run shows the first.
 */
final class Promotion {

    /** The writes after the first that the fixed-subset layout needs. */
    private static final int FIXED_SUBSET_FOLLOW_UPS = 2;

    private final IstioResources istio;
    private final RouteOperation routes;
    private final RetryLoop retry;
    private final SideLabels sideLabels;
    private final CanaryWorkloads workloads;

    Promotion(IstioResources istio, RouteOperation routes, RetryLoop retry, SideLabels sideLabels, CanaryWorkloads workloads) {
        this.istio = istio;
        this.routes = routes;
        this.retry = retry;
        this.sideLabels = sideLabels;
        this.workloads = workloads;
    }

    /** @param session the session's memory, or null */
    OperationResult run(ReleaseTarget target, PromoteOptions options, SessionCache session) {
        WriteOptions write = options.write();
        boolean cleanup = options.cleanup() && !write.dryRun();
        // The subset's labels move during the promotion: what selected the old stable must be read first.
        Map<String, String> fixedStableBefore = cleanup ? fixedStableLabels(target) : null;
        RouteOperation.Outcome outcome = promote(target, write, session);
        boolean changed = outcome.result().changed();
        for (int step = 0; step < FIXED_SUBSET_FOLLOW_UPS && !write.dryRun() && outcome.plan().sides().fixedSubsets()
                && outcome.result().status().phase() != Phase.PROMOTED; step++) {
            outcome = promote(target, write, session);
            changed |= outcome.result().changed();
        }
        if (cleanup && outcome.plan().sides().canary() != null) {
            deleteOldStable(target, outcome, fixedStableBefore);
        }
        OperationResult last = outcome.result();
        return new OperationResult(last.status(), changed, last.dryRun(), last.change());
    }

    private RouteOperation.Outcome promote(ReleaseTarget target, WriteOptions write, SessionCache session) {
        return routes.run(target, List.of(new RouteChange.Promote()), write, session);
    }

    /** Fixed-subset layout: the stable subset's labels as they are now; null in other layouts. */
    private Map<String, String> fixedStableLabels(ReleaseTarget target) {
        Snapshot snap = retry.run(target.routingRef(), p -> Snapshot.read(istio, target));
        RouteSides sides = SideResolver.resolve(target, snap);
        return sides.fixedSubsets() && sides.stable().hasSubset() ? SubsetCheck.labels(snap.subsets(), sides.stable().subset()) : null;
    }

    /**
     * Deletes the Deployments of the old stable side (not those of the new one).
     *
     * @param fixedStableBefore fixed-subset layout: the stable subset's labels before the promotion
     *                          moved them (null otherwise)
     */
    private void deleteOldStable(ReleaseTarget target, RouteOperation.Outcome promoted, Map<String, String> fixedStableBefore) {
        RouteSides used = promoted.plan().sides();
        Map<String, String> oldLabels = fixedStableBefore != null ? fixedStableBefore
                : sideLabels.of(target.namespace(), promoted.plan().subsets(), used.stable());
        Map<String, String> newLabels = sideLabels.of(target.namespace(), promoted.plan().subsets(), used.canary());
        if (oldLabels == null || newLabels == null || oldLabels.equals(newLabels)) {
            return;
        }
        retry.run(new ObjectRef(target.namespace(), "Deployment", "(serving " + used.stable() + ")"),
                p -> workloads.deleteOldStable(target.namespace(), oldLabels, newLabels));
    }
}
