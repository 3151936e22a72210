package io.jenkins.plugins.grayrelease.core.routing.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.cluster.GuardedPatch;
import io.jenkins.plugins.grayrelease.core.routing.RouteObservation;
import io.jenkins.plugins.grayrelease.core.routing.RoutePlan;
import io.jenkins.plugins.grayrelease.core.routing.RouteSides;
import io.jenkins.plugins.grayrelease.core.routing.RoutingInput;
import io.jenkins.plugins.grayrelease.core.routing.TrafficRouter;
import java.util.ArrayList;
import java.util.List;

/** Gateway API {@code gateway.networking.k8s.io/v1} HTTPRoute routing (two Services, stable and canary). */
public final class HttpRouteRouter implements TrafficRouter {

    @Override
    public RouteKind kind() {
        return RouteKind.HTTP_ROUTE;
    }

    @Override
    public RoutePlan plan(RoutingInput input) {
        return HttpRoutePlanner.plan(input);
    }

    @Override
    public RouteObservation observe(ObjectNode route, ObjectRef ref, String ruleName, RouteSides sides) {
        ManagedRule where = ManagedRule.locate(route, ref, ruleName, sides.stable(), sides.canary());
        JsonNode managed = where.in(route);
        ArrayNode refs = HttpRouteRules.backendRefs(managed);
        int stable = 0;
        int canary = 0;
        List<Destination> others = new ArrayList<>();
        if (refs != null) {
            stable = BackendSplit.percent(refs, sides.stable(), ref.namespace());
            canary = BackendSplit.percent(refs, sides.canary(), ref.namespace());
            for (JsonNode entry : refs) {
                if (!HttpRouteRules.sendsTo(entry, sides.stable(), ref.namespace()) && !HttpRouteRules.sendsTo(entry, sides.canary(), ref.namespace())) {
                    others.add(HttpRouteRules.destination(entry, ref.namespace()));
                }
            }
        }
        ArrayNode rules = HttpRouteRules.rules(route);
        int testerIndex = HttpRouteRules.indexOf(rules, HttpRouteRules.testerRuleName(HttpRouteRules.name(managed)));
        List<TesterMatch> testers = testerIndex < 0 ? List.of() : TesterRules.read(rules.get(testerIndex));
        int mirror = MirrorFilters.percent(managed, sides.canary(), ref.namespace());
        return new RouteObservation(where.name(route), new WeightSplit(stable, canary), others, testers, mirror);
    }

    @Override
    public Destination inferStable(ObjectNode route, ObjectRef ref, String ruleName) {
        ArrayNode refs = HttpRouteRules.backendRefs(ManagedRule.locate(route, ref, ruleName, null, null).in(route));
        if (refs == null || refs.size() != 1 || !HttpRouteRules.isService(refs.get(0))) {
            return null;
        }
        return HttpRouteRules.destination(refs.get(0), ref.namespace());
    }

    @Override
    public String managedRouteName(ObjectNode route, ObjectRef ref, String ruleName, Destination stable, Destination canary) {
        return ManagedRule.locate(route, ref, ruleName, stable, canary).name(route);
    }

    /** A named rule guards its own writes; the default rule looks at every rule, so the whole object does. */
    @Override
    public int guardIndex(ObjectNode route, String ruleName) {
        return ruleName == null ? -1 : GuardedPatch.ruleIndex(route, RouteKind.HTTP_ROUTE.rulesField(), ruleName);
    }
}
