package io.jenkins.plugins.grayrelease.core.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.routing.RouteObservation;
import io.jenkins.plugins.grayrelease.core.routing.RouteSides;
import io.jenkins.plugins.grayrelease.core.routing.TrafficRouter;
import io.jenkins.plugins.grayrelease.core.state.RecordLocator;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import io.jenkins.plugins.grayrelease.core.state.ReleaseStateCodec;

/** Builds a {@link ReleaseStatus} from a routing object (as stored or as planned), through its provider. */
public final class StatusAssembler {

    private StatusAssembler() {
    }

    /**
     * @param routing the VirtualService or HTTPRoute
     * @param subsets the DestinationRule, or null (none, or a provider without subsets)
     */
    public static ReleaseStatus assemble(ReleaseTarget target, ObjectNode routing, JsonNode subsets,
                                         RouteSides sides, TrafficRouter router) {
        RouteObservation route = router.observe(routing, target.routingRef(), target.route(), sides);
        ReleaseStateCodec.Decoded decoded = RecordLocator.forRoute(routing, target.routingRef(), route.routeName(), router).decoded();
        ReleaseState state = decoded.state();
        return new ReleaseStatus(target.namespace(), target.service(), target.routeKind(), target.routingObject(), route.routeName(),
                sides.stable(), sides.canary(), route.weights(), route.testers(),
                route.mirrorPercent(), state, decoded.problem(), DriftDetector.detect(state, route, subsets),
                routing.path("metadata").path("resourceVersion").asText(null));
    }
}
