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
import io.jenkins.plugins.grayrelease.core.routing.TrafficRouter;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import io.jenkins.plugins.grayrelease.core.state.StateAnnotations;
import java.time.Clock;

/** Plans one attempt of a route operation: routes, subset and state annotation, from one snapshot. */
final class OperationPlanner {

    private final TrafficRouter router;
    private final Actor actor;
    private final Clock clock;

    OperationPlanner(TrafficRouter router, Actor actor, Clock clock) {
        this.router = router;
        this.actor = actor;
        this.clock = clock;
    }

    PlannedOperation plan(ReleaseTarget target, Snapshot snap, RouteChange change, WriteOptions options) {
        RouteSides sides = SideResolver.resolve(target, snap, router);
        ReleaseState old = snap.state().state();
        if (change instanceof RouteChange.Promote && sides.canary() == null && old != null && old.phase() == Phase.PROMOTED) {
            // Promoting again after a promotion: nothing left to do, and not an error.
            ArrayNode none = JsonNodeFactory.instance.arrayNode();
            return new PlannedOperation(snap.virtualService(), none, snap.destinationRule(), none, sides, sides);
        }
        RoutePlan plan = router.plan(new RoutingInput(snap.virtualService(), target.virtualServiceRef(), snap.destinationRule(),
                target.destinationRuleRef(), target.route(), sides, change, options.addCanarySubset(), options.canarySubsetLabels()));
        ObjectNode after = plan.virtualService();
        RouteObservation observed = router.observe(after, target.virtualServiceRef(), target.route(), sides);
        ReleaseState next = StatePlanner.next(old, sides, change, observed.weights().canary(), actor, clock.instant());
        if (plan.routesChanged() || StatePlanner.differs(old, next)) {
            // Written in the same patch as the routes: the record never describes routes that were not stored.
            // Keyed by the route actually managed, so releases on other routes keep their records.
            StateAnnotations.write(after, observed.routeName(), next, snap.record().movesLegacyTo(observed.routeName()));
        }
        ObjectNode dr = plan.needsSubset() ? plan.destinationRule() : snap.destinationRule();
        RouteSides resultSides = new RouteSides(next.stable(), next.canary());
        return new PlannedOperation(after, GuardedPatch.diff(snap.virtualService(), after), dr,
                plan.needsSubset() ? GuardedPatch.diff(snap.destinationRule(), dr) : JsonNodeFactory.instance.arrayNode(),
                sides, resultSides);
    }
}
