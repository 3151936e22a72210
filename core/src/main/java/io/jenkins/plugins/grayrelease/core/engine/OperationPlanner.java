package io.jenkins.plugins.grayrelease.core.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.cluster.GuardedPatch;
import io.jenkins.plugins.grayrelease.core.routing.RouteChange;
import io.jenkins.plugins.grayrelease.core.routing.RouteObservation;
import io.jenkins.plugins.grayrelease.core.routing.RoutePlan;
import io.jenkins.plugins.grayrelease.core.routing.RouteSides;
import io.jenkins.plugins.grayrelease.core.routing.RoutingInput;
import io.jenkins.plugins.grayrelease.core.routing.SubsetVersions;
import io.jenkins.plugins.grayrelease.core.routing.TrafficRouter;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import io.jenkins.plugins.grayrelease.core.state.StateAnnotations;
import io.jenkins.plugins.grayrelease.core.state.LastChange;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Plans one attempt of a route operation: routes, subset and state annotation, from one snapshot. */
final class OperationPlanner {

    private final Actor actor;
    private final Clock clock;

    OperationPlanner(Actor actor, Clock clock) {
        this.actor = actor;
        this.clock = clock;
    }

    /** Plans {@code changes} applied in order to one snapshot; checked by {@link io.jenkins.plugins.grayrelease.core.routing.RequestValidator#validateAll}. */
    PlannedOperation plan(ReleaseTarget target, Snapshot snap, List<RouteChange> changes, WriteOptions options) {
        TrafficRouter router = snap.router();
        RouteSides sides = SideResolver.resolve(target, snap);
        ReleaseState old = snap.state().state();
        if (changes.size() == 1 && changes.get(0) instanceof RouteChange.Promote && sides.canary() == null
                && old != null && old.phase() == Phase.PROMOTED) {
            // Promoting again after a promotion: nothing left to do, and not an error.
            ArrayNode none = JsonNodeFactory.instance.arrayNode();
            return new PlannedOperation(snap.routing(), none, snap.subsets(), none, sides, sides);
        }
        if (changes.size() == 1 && changes.get(0) instanceof RouteChange.Rollback && old != null && old.phase() == Phase.PROMOTED) {
            // A promotion ended the release: "all traffic to stable" is what is in place, and the old
            // stable is no side any more (it may be deleted). Rewriting the record would only lie.
            ArrayNode none = JsonNodeFactory.instance.arrayNode();
            return new PlannedOperation(snap.routing(), none, snap.subsets(), none, sides, sides,
                    "Nothing to roll back: the release was promoted" + (old.stable() == null ? "" : " (" + old.stable() + " is the stable and takes"
                            + " all traffic)") + "; nothing was written. To go back, release the previous version as a new canary.");
        }
        ObjectNode after = snap.routing();
        ObjectNode dr = snap.subsets();
        boolean needsSubset = false;
        boolean routesChanged = false;
        RouteObservation observed = null;
        ReleaseState next = old;
        Instant now = clock.instant();
        for (RouteChange change : changes) {
            RoutePlan plan = router.plan(new RoutingInput(after, target.routingRef(), dr,
                    target.destinationRule() == null ? null : target.destinationRuleRef(), target.route(), sides, change, options.addCanarySubset(),
                    options.canarySubsetLabels(), sides.fixedSubsets() ? target.canaryVersion() : null));
            after = plan.routing();
            routesChanged |= plan.routesChanged();
            if (plan.needsSubset()) {
                dr = plan.subsets();
                needsSubset = true;
            }
            observed = router.observe(after, target.routingRef(), target.route(), sides);
            next = StatePlanner.next(next, sides, change, observed.weights().canary(), actor, now);
        }
        if (sides.fixedSubsets()) {
            // The subset names never change in this layout; the record says which versions they select.
            next = next.withVersions(SubsetVersions.of(dr, sides.stable()), SubsetVersions.of(dr, sides.canary()));
        }
        if (options.fleet() != null) {
            next = next.withFleet(options.fleet());
        }
        if (changes.size() > 1) {
            next = next.withLastChange(new LastChange(changes.stream().map(RouteChange::describe)
                    .collect(Collectors.joining(", ")), actor.user(), now, actor.origin()));
        }
        if (routesChanged || StatePlanner.differs(old, next)) {
            // Written in the same patch as the routes: the record never describes routes that were not stored.
            // Keyed by the route actually managed, so releases on other routes keep their records.
            StateAnnotations.write(after, observed.routeName(), next, snap.record().movesLegacyTo(observed.routeName()));
        }
        RouteSides resultSides = new RouteSides(next.stable(), next.canary(), sides.layout());
        return new PlannedOperation(after, GuardedPatch.routeDiff(snap.routing(), after, target.routeKind().rulesField()), dr,
                needsSubset ? GuardedPatch.diff(snap.subsets(), dr) : JsonNodeFactory.instance.arrayNode(),
                sides, resultSides);
    }
}
