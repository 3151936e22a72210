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

/** Builds a {@link ReleaseStatus} from a VirtualService (as stored or as planned). */
public final class StatusAssembler {

    private StatusAssembler() {
    }

    public static ReleaseStatus assemble(ReleaseTarget target, ObjectNode virtualService, JsonNode destinationRule,
                                         RouteSides sides, TrafficRouter router) {
        RouteObservation route = router.observe(virtualService, target.virtualServiceRef(), target.route(), sides);
        ReleaseStateCodec.Decoded decoded = RecordLocator.forRoute(virtualService, target.virtualServiceRef(), route.routeName(), router).decoded();
        ReleaseState state = decoded.state();
        return new ReleaseStatus(target.namespace(), target.service(), target.virtualService(), route.routeName(),
                sides.stable(), sides.canary(), route.weights(), route.testers(),
                route.mirrorPercent(), state, decoded.problem(), DriftDetector.detect(state, route, destinationRule),
                virtualService.path("metadata").path("resourceVersion").asText(null));
    }
}
