package io.jenkins.plugins.grayrelease.core.routing.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.routing.RouteChange;
import io.jenkins.plugins.grayrelease.core.routing.RouteObservation;
import io.jenkins.plugins.grayrelease.core.routing.RoutePlan;
import io.jenkins.plugins.grayrelease.core.routing.RouteSides;
import io.jenkins.plugins.grayrelease.core.routing.RoutingInput;
import io.jenkins.plugins.grayrelease.core.routing.TrafficRouter;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.Yaml;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** HTTPRoute planning, pure: the route as read and an intent in, the route as it should be out. */
class HttpRoutePlannerTest {

    private static final ObjectRef REF = RouteKind.HTTP_ROUTE.ref("shop", "reviews");
    private static final Destination STABLE = SampleTargets.HTTP_ROUTE_STABLE;
    private static final Destination CANARY = SampleTargets.HTTP_ROUTE_CANARY;
    private static final TrafficRouter ROUTER = TrafficRouter.forKind(RouteKind.HTTP_ROUTE);

    private static RoutingInput read(ObjectNode route, String rule, Destination stable, Destination canary) {
        return new RoutingInput(route, REF, null, null, rule, new RouteSides(stable, canary), null, false, Map.of());
    }

    private static RoutingInput read(ObjectNode route) {
        return read(route, "main", STABLE, CANARY);
    }

    private static JsonNode rule(JsonNode route, String name) {
        for (JsonNode r : route.path("spec").path("rules")) {
            if (name.equals(r.path("name").asText(null))) {
                return r;
            }
        }
        return null;
    }

    private static int weight(JsonNode route, String rule, String service) {
        for (JsonNode ref : rule(route, rule).path("backendRefs")) {
            if (service.equals(ref.path("name").asText())) {
                return ref.path("weight").asInt(1);
            }
        }
        return -1;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 50, 99, 100})
    void weightGoesOnTheManagedRulesBackendRefsAndSumsTo100(int canary) {
        RoutePlan plan = ROUTER.setWeight(read(Variant.HTTP_ROUTE.tree("HTTPRoute")), canary);

        assertThat(weight(plan.routing(), "main", "reviews-stable")).isEqualTo(100 - canary);
        assertThat(weight(plan.routing(), "main", "reviews-canary")).isEqualTo(canary);
        assertThat(ROUTER.observe(plan.routing(), REF, "main", new RouteSides(STABLE, CANARY)).weights())
                .isEqualTo(new WeightSplit(100 - canary, canary));
    }

    @Test
    void theAddedCanaryBackendKeepsTheStablesPortGroupAndKind() {
        RoutePlan plan = ROUTER.setWeight(read(Variant.HTTP_ROUTE.tree("HTTPRoute")), 10);

        assertThat(rule(plan.routing(), "main").path("backendRefs")).isEqualTo(Yaml.node("""
                x:
                - {group: "", kind: Service, name: reviews-stable, port: 9080, weight: 90}
                - {group: "", kind: Service, name: reviews-canary, port: 9080, weight: 10}
                """).get("x"));
    }

    @Test
    void everythingButTheManagedBackendRefsStaysIdentical() {
        ObjectNode before = Variant.HTTP_ROUTE.tree("HTTPRoute");
        RoutePlan plan = ROUTER.setWeight(read(before), 30);

        assertThat(plan.routing().path("spec").path("parentRefs")).isEqualTo(before.path("spec").path("parentRefs"));
        assertThat(plan.routing().path("spec").path("hostnames")).isEqualTo(before.path("spec").path("hostnames"));
        assertThat(rule(plan.routing(), "admin")).isEqualTo(rule(before, "admin"));
        ObjectNode mainBefore = ((ObjectNode) rule(before, "main")).deepCopy();
        ObjectNode mainAfter = ((ObjectNode) rule(plan.routing(), "main")).deepCopy();
        mainBefore.remove("backendRefs");
        mainAfter.remove("backendRefs");
        assertThat(mainAfter).isEqualTo(mainBefore);
        assertThat(plan.routing().path("metadata")).isEqualTo(before.path("metadata"));
        assertThat(before).isEqualTo(Variant.HTTP_ROUTE.tree("HTTPRoute")); // the input is never modified
    }

    @Test
    void planningTheSameWeightAgainChangesNothing() {
        ObjectNode once = ROUTER.setWeight(read(Variant.HTTP_ROUTE.tree("HTTPRoute")), 20).routing();

        RoutePlan again = ROUTER.setWeight(read(once), 20);

        assertThat(again.routesChanged()).isFalse();
        assertThat(again.routing()).isEqualTo(once);
    }

    @Test
    void testerRuleGoesBeforeTheManagedRuleWithTheManagedPathAndTheTesterHeaders() {
        TesterRoute testers = new TesterRoute(List.of(TesterMatch.header("X-Canary", "yes"), TesterMatch.cookie("user", "qa")));

        RoutePlan plan = ROUTER.setTesterMatch(read(Variant.HTTP_ROUTE.tree("HTTPRoute")), testers);

        ArrayNode rules = (ArrayNode) plan.routing().path("spec").path("rules");
        assertThat(rules).extracting(r -> r.path("name").asText()).containsExactly("admin", "gray-main-testers", "main");
        assertThat(rules.get(1)).isEqualTo(Yaml.node("""
                name: gray-main-testers
                matches:
                - path: {type: PathPrefix, value: /}
                  headers:
                  - {name: x-canary, type: Exact, value: "yes"}
                - path: {type: PathPrefix, value: /}
                  headers:
                  - {name: cookie, type: RegularExpression, value: "^(.*?;\\\\s*)?(user=qa)(;.*)?$"}
                filters:
                - type: RequestHeaderModifier
                  requestHeaderModifier:
                    add:
                    - {name: x-env, value: prod}
                backendRefs:
                - {group: "", kind: Service, name: reviews-canary, port: 9080, weight: 100}
                timeouts: {request: 10s}
                """));
        assertThat(ROUTER.observe(plan.routing(), REF, "main", new RouteSides(STABLE, CANARY)).testers())
                .containsExactly(TesterMatch.header("x-canary", "yes"), TesterMatch.cookie("user", "qa"));
        assertThat(ROUTER.setTesterMatch(read(plan.routing()), testers).routesChanged()).isFalse();
    }

    @Test
    void removingTestersLeavesTheRouteAsItWas() {
        ObjectNode with = ROUTER.setTesterMatch(read(Variant.HTTP_ROUTE.tree("HTTPRoute")),
                new TesterRoute(List.of(TesterMatch.headerPrefix("x-user", "qa-")))).routing();

        RoutePlan removed = ROUTER.removeTesterMatch(read(with));

        assertThat(removed.routing()).isEqualTo(Variant.HTTP_ROUTE.tree("HTTPRoute"));
    }

    @Test
    void mirrorIsARequestMirrorFilterWithPercentOnTheManagedRule() {
        RoutePlan plan = ROUTER.setMirror(read(Variant.HTTP_ROUTE.tree("HTTPRoute")), 25);

        assertThat(rule(plan.routing(), "main").path("filters").get(1)).isEqualTo(Yaml.node("""
                type: RequestMirror
                requestMirror:
                  backendRef: {group: "", kind: Service, name: reviews-canary, port: 9080}
                  percent: 25
                """));
        assertThat(ROUTER.observe(plan.routing(), REF, "main", new RouteSides(STABLE, CANARY)).mirrorPercent()).isEqualTo(25);
        assertThat(ROUTER.removeMirror(read(plan.routing())).routing()).isEqualTo(Variant.HTTP_ROUTE.tree("HTTPRoute"));
    }

    @Test
    void aMirrorTheUserSetUpIsNeverReplaced() {
        ObjectNode route = Variant.HTTP_ROUTE.tree("HTTPRoute");
        ((ArrayNode) rule(route, "main").path("filters")).add(Yaml.node("""
                type: RequestMirror
                requestMirror:
                  backendRef: {name: reviews-shadow, port: 9080}
                """));

        assertThatThrownBy(() -> ROUTER.setMirror(read(route), 10))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessage("shop/HTTPRoute/reviews: spec.rules[1] (main).filters: the managed rule already mirrors to reviews-shadow"
                        + " (not the canary); Gray Release does not replace a mirror it did not create."
                        + " Remove that RequestMirror filter from the managed rule first");
    }

    @Test
    void promoteSendsEverythingToTheCanaryAndRemovesTheEnginesRules() {
        ObjectNode route = ROUTER.setWeight(read(Variant.HTTP_ROUTE.tree("HTTPRoute")), 50).routing();
        route = ROUTER.setTesterMatch(read(route), new TesterRoute(List.of(TesterMatch.header("x-canary", "1")))).routing();
        route = ROUTER.setMirror(read(route), 10).routing();

        ObjectNode promoted = ROUTER.promote(read(route)).routing();

        assertThat(rule(promoted, "main").path("backendRefs")).isEqualTo(Yaml.node("""
                x:
                - {group: "", kind: Service, name: reviews-canary, port: 9080, weight: 100}
                """).get("x"));
        assertThat(rule(promoted, "gray-main-testers")).isNull();
        assertThat(rule(promoted, "main").path("filters")).hasSize(1);
        assertThat(promoted.path("spec").path("parentRefs")).isEqualTo(Variant.HTTP_ROUTE.tree("HTTPRoute").path("spec").path("parentRefs"));
    }

    @Test
    void rollbackSendsEverythingToTheStableAndRemovesTheEnginesRules() {
        ObjectNode route = ROUTER.setWeight(read(Variant.HTTP_ROUTE.tree("HTTPRoute")), 50).routing();
        route = ROUTER.setTesterMatch(read(route), new TesterRoute(List.of(TesterMatch.header("x-canary", "1")))).routing();
        route = ROUTER.setMirror(read(route), 10).routing();

        ObjectNode back = ROUTER.removeManagedRoutes(read(route)).routing();

        ObjectNode expected = Variant.HTTP_ROUTE.tree("HTTPRoute");
        ((ObjectNode) rule(expected, "main").path("backendRefs").get(0)).put("weight", 100);
        assertThat(back).isEqualTo(expected);
    }

    @Test
    void theDefaultRuleIsTheOnlyRuleWithoutMatchesSendingToTheStable() {
        ObjectNode route = Variant.HTTP_ROUTE.tree("HTTPRoute");
        ((ObjectNode) rule(route, "main")).remove("name");
        ((ObjectNode) rule(route, "admin")).remove("name");

        RoutePlan plan = ROUTER.setWeight(read(route, null, STABLE, CANARY), 10);

        assertThat(plan.routing().path("spec").path("rules").get(1).path("backendRefs").get(1).path("name").asText())
                .isEqualTo("reviews-canary");
        assertThat(ROUTER.inferStable(route, REF, null)).isEqualTo(STABLE);
        assertThat(ROUTER.managedRouteName(route, REF, null, STABLE, CANARY)).isNull();
    }

    @Test
    void aRuleNameThatDoesNotExistIsRefusedListingTheRules() {
        assertThatThrownBy(() -> ROUTER.setWeight(read(Variant.HTTP_ROUTE.tree("HTTPRoute"), "primary", STABLE, CANARY), 10))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessage("shop/HTTPRoute/reviews: spec.rules[].name: has no rule named 'primary' (rules: admin, main)."
                        + " Give the rule this name (rules[].name, Gateway API 1.2 or later), or name an existing rule");
    }

    @Test
    void aThirdBackendInTheManagedRuleIsRefusedNamingTheField() {
        ObjectNode route = Variant.HTTP_ROUTE.tree("HTTPRoute");
        ((ArrayNode) rule(route, "main").path("backendRefs")).add(Yaml.node("{name: reviews-legacy, port: 9080}"));

        assertThatThrownBy(() -> ROUTER.setWeight(read(route), 10))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessage("shop/HTTPRoute/reviews: spec.rules[1] (main).backendRefs: sends traffic to reviews-legacy, which is"
                        + " neither the stable Service (reviews-stable) nor the canary Service (reviews-canary)."
                        + " Check the stable and canary Services, or manage another rule (route: NAME)");
    }

    @Test
    void subsetsAreRefusedBecauseAnHttpRouteSendsToServices() {
        assertThatThrownBy(() -> ROUTER.setWeight(read(Variant.HTTP_ROUTE.tree("HTTPRoute"), "main", STABLE, Destination.subset("reviews", "v2")), 10))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessage("shop/HTTPRoute/reviews: canary: the canary side reviews/v2 is a subset, but an HTTPRoute sends to Services"
                        + " (it has no subsets). Name the canary Service instead (e.g. reviews-canary)");
    }

    @Test
    void aSeventeenthRuleForTestersIsRefusedBeforeTheServerWould() {
        ObjectNode route = Variant.HTTP_ROUTE.tree("HTTPRoute");
        ArrayNode rules = (ArrayNode) route.path("spec").path("rules");
        for (int i = 0; i < 14; i++) {
            ObjectNode extra = ((ObjectNode) rules.get(0)).deepCopy();
            extra.put("name", "extra-" + i);
            rules.insert(0, extra);
        }

        assertThatThrownBy(() -> ROUTER.setTesterMatch(read(route), new TesterRoute(List.of(TesterMatch.header("x-canary", "1")))))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessage("shop/HTTPRoute/reviews: spec.rules: has 16 rules, the most an HTTPRoute holds; the tester rule would be"
                        + " one more. Merge or move rules to another HTTPRoute, or use weights without testers");
    }

    @Test
    void aThirdBackendIsObservedAsDriftNotHidden() {
        ObjectNode route = Variant.HTTP_ROUTE.tree("HTTPRoute");
        ((ArrayNode) rule(route, "main").path("backendRefs")).add(Yaml.node("{name: reviews-legacy, port: 9080, weight: 1}"));

        RouteObservation seen = ROUTER.observe(route, REF, "main", new RouteSides(STABLE, CANARY));

        assertThat(seen.weights()).isEqualTo(new WeightSplit(50, 0));
        assertThat(seen.others()).containsExactly(Destination.host("reviews-legacy"));
    }
}
