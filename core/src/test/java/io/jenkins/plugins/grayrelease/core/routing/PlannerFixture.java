package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import java.util.Map;

/** Plans changes on the sample objects, no server involved. */
final class PlannerFixture {

    static final ObjectRef VS = ObjectRef.virtualService("shop", "reviews");
    static final ObjectRef DR = ObjectRef.destinationRule("shop", "reviews");
    static final Destination V1 = Destination.subset("reviews", "v1");
    static final Destination V2 = Destination.subset("reviews", "v2");
    static final Destination V3 = Destination.subset("reviews", "v3");

    private PlannerFixture() {
    }

    static ObjectNode vs() {
        return Variant.SUBSETS.tree("VirtualService");
    }

    static ObjectNode dr() {
        return Variant.SUBSETS.tree("DestinationRule");
    }

    static RoutePlan plan(ObjectNode vs, RouteChange change) {
        return plan(vs, dr(), null, V1, V2, change, false);
    }

    static RoutePlan plan(ObjectNode vs, ObjectNode dr, String route, Destination stable, Destination canary,
                          RouteChange change, boolean addSubset) {
        return IstioRoutePlanner.plan(new RoutingInput(vs, VS, dr, DR, route, new RouteSides(stable, canary), change, addSubset, Map.of()));
    }
}
