package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.Layout;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import java.util.ArrayList;
import java.util.List;

/** Istio {@code networking.istio.io/v1} VirtualService routing. */
public final class IstioTrafficRouter implements TrafficRouter {

    @Override
    public io.jenkins.plugins.grayrelease.core.RouteKind kind() {
        return io.jenkins.plugins.grayrelease.core.RouteKind.VIRTUAL_SERVICE;
    }

    /** A named HTTP route guards its own writes; the default rule looks at every route, so the whole object does. */
    @Override
    public int guardIndex(ObjectNode vs, String routeName) {
        return routeName == null ? -1 : io.jenkins.plugins.grayrelease.core.cluster.GuardedPatch.routeIndex(vs, routeName);
    }

    @Override
    public RoutePlan plan(RoutingInput input) {
        return IstioRoutePlanner.plan(input);
    }

    @Override
    public RouteObservation observe(ObjectNode vs, ObjectRef ref, String routeName, RouteSides sides) {
        ManagedRouteResolver.Managed where = ManagedRouteResolver.locate(vs, ref, routeName, sides.stable(), sides.canary());
        ArrayNode http = HttpRoutes.http(vs);
        JsonNode managed = where.in(vs);
        ArrayNode dests = HttpRoutes.destinations(managed);
        int stable = 0;
        int canary = 0;
        List<Destination> others = new ArrayList<>();
        if (dests != null) {
            for (JsonNode entry : dests) {
                int w = HttpRoutes.weightOf(entry, dests.size());
                if (HttpRoutes.entrySendsTo(entry, sides.stable(), ref.namespace())) {
                    stable += w;
                } else if (HttpRoutes.entrySendsTo(entry, sides.canary(), ref.namespace())) {
                    canary += w;
                } else {
                    JsonNode d = entry.path("destination");
                    others.add(new Destination(d.path("host").asText(), d.path("subset").asText(null)));
                }
            }
        }
        int testerIndex = http == null || !where.isHttp() ? -1 : HttpRoutes.indexOf(http, HttpRoutes.testerRouteName(HttpRoutes.name(managed)));
        List<TesterMatch> testers = testerIndex < 0 ? List.of() : TesterRoutes.read(http.get(testerIndex));
        int mirror = 0;
        if (managed.has("mirror") && HttpRoutes.sameDestination(managed.get("mirror"), sides.canary(), ref.namespace())) {
            // Istio mirrors everything when no percentage is given.
            mirror = (int) Math.round(managed.path("mirrorPercentage").path("value").asDouble(100));
        }
        return new RouteObservation(where.designator(vs), new WeightSplit(stable, canary), others, testers, mirror);
    }

    @Override
    public Destination inferStable(ObjectNode vs, ObjectRef ref, String routeName) {
        ArrayNode dests = HttpRoutes.destinations(ManagedRouteResolver.locate(vs, ref, routeName, null, null).in(vs));
        if (dests != null && dests.size() > 1) {
            // The fixed-subset layout keeps both entries; its stable side is the subset named stable.
            for (JsonNode entry : dests) {
                JsonNode d = entry.path("destination");
                if (Layout.STABLE_SUBSET.equals(d.path("subset").asText(null))) {
                    return new Destination(d.path("host").asText(), Layout.STABLE_SUBSET);
                }
            }
        }
        if (dests == null || dests.size() != 1) {
            return null;
        }
        JsonNode d = dests.get(0).path("destination");
        return new Destination(d.path("host").asText(), d.path("subset").asText(null));
    }

    @Override
    public String managedRouteName(ObjectNode vs, ObjectRef ref, String routeName, Destination stable, Destination canary) {
        return ManagedRouteResolver.locate(vs, ref, routeName, stable, canary).designator(vs);
    }
}
