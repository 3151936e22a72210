package io.jenkins.plugins.grayrelease.core.routing;

import static io.jenkins.plugins.grayrelease.core.routing.PlannerFixture.V1;
import static io.jenkins.plugins.grayrelease.core.routing.PlannerFixture.V2;
import static io.jenkins.plugins.grayrelease.core.routing.PlannerFixture.V3;
import static io.jenkins.plugins.grayrelease.core.routing.PlannerFixture.dr;
import static io.jenkins.plugins.grayrelease.core.routing.PlannerFixture.plan;
import static io.jenkins.plugins.grayrelease.core.routing.PlannerFixture.vs;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.MissingObjectException;
import io.jenkins.plugins.grayrelease.core.testing.Yaml;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad request is refused with a message naming the object, the field and the fix. */
class PlannerValidationTest {

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("weight -1", () -> plan(vs(), new RouteChange.SetWeight(-1)),
                        "shop/VirtualService/reviews: weight: -1 is outside 0-100. Give the canary weight as a whole number from 0 to 100"),
                bad("weight 101", () -> plan(vs(), new RouteChange.SetWeight(101)),
                        "shop/VirtualService/reviews: weight: 101 is outside 0-100. Give the canary weight as a whole number from 0 to 100"),
                bad("mirror 101", () -> plan(vs(), new RouteChange.SetMirror(101)),
                        "shop/VirtualService/reviews: mirror: 101 is outside 0-100. Give the mirrored share as a whole number from 0 (no mirror) to 100"),
                bad("mirror -5", () -> plan(vs(), new RouteChange.SetMirror(-5)),
                        "shop/VirtualService/reviews: mirror: -5 is outside 0-100."),
                bad("empty header name", () -> plan(vs(), testers(TesterMatch.header("", "1"))),
                        "shop/VirtualService/reviews: testers[0].name: the header name is empty. Give the header name, e.g. x-canary"),
                bad("blank cookie name", () -> plan(vs(), testers(TesterMatch.header("x-a", "1"), TesterMatch.cookie(" ", "1"))),
                        "shop/VirtualService/reviews: testers[1].name: the cookie name is empty."),
                bad("header name with space", () -> plan(vs(), testers(TesterMatch.header("x canary", "1"))),
                        "shop/VirtualService/reviews: testers[0].name: 'x canary' is not a valid header name."),
                bad("regex that does not compile", () -> plan(vs(), testers(TesterMatch.headerRegex("x-a", "(unclosed"))),
                        "shop/VirtualService/reviews: testers[0].value: regular expression '(unclosed' is not accepted by RE2 (the engine Envoy matches with): missing closing )"),
                bad("regex with look-ahead (not RE2)", () -> plan(vs(), testers(TesterMatch.headerRegex("x-a", "^(?=qa).*"))),
                        "shop/VirtualService/reviews: testers[0].value: regular expression '^(?=qa).*' is not accepted by RE2 (the engine Envoy matches with): invalid or unsupported Perl syntax at '(?='"),
                bad("regex with back-reference (not RE2)", () -> plan(vs(), testers(TesterMatch.headerRegex("x-a", "(a)\\1"))),
                        "is not accepted by RE2 (the engine Envoy matches with): invalid escape sequence at '\\1'"),
                bad("no tester match", () -> plan(vs(), new RouteChange.SetTesters(new TesterRoute(java.util.List.of()))),
                        "shop/VirtualService/reviews: testers: no match given."),
                bad("missing canary subset", () -> plan(vs(), dr(), null, V1, V3, new RouteChange.SetWeight(10), false),
                        "shop/DestinationRule/reviews: spec.subsets: the canary subset 'v3' does not exist; existing subsets: v1, v2. "
                                + "Add the subset to the DestinationRule, or ask for it to be added"),
                bad("missing stable subset", () -> plan(vs(), dr(), null, PlannerFixture.V3, V2, new RouteChange.SetWeight(10), false),
                        "shop/DestinationRule/reviews: spec.subsets: the stable subset 'v3' does not exist; existing subsets: v1, v2."),
                bad("missing DestinationRule", () -> plan(vs(), null, null, V1, V2, new RouteChange.SetWeight(10), false),
                        "shop/DestinationRule/reviews: not found. The release routes to subsets, which a DestinationRule must define"),
                bad("unknown route name", () -> plan(vs(), dr(), "main", V1, V2, new RouteChange.SetWeight(10), false),
                        "shop/VirtualService/reviews: spec.http[].name: no HTTP route is named 'main'; routes: jason, ratings-api, primary. "
                                + "Give the name of an existing route"),
                bad("ambiguous managed route", () -> plan(withSecondCatchAll(), new RouteChange.SetWeight(10)),
                        "shop/VirtualService/reviews: spec.http: the managed route is ambiguous: 2 routes without 'match' send traffic to "
                                + "the stable destination reviews/v1: primary, (unnamed, http[3]). Name the managed route (route: NAME)"),
                bad("no managed route", () -> plan(vs(), dr(), null, Destinationless.OTHER, V2, new RouteChange.SetWeight(10), false),
                        "shop/VirtualService/reviews: spec.http: no route without 'match' sends traffic to the stable destination legacy; "
                                + "routes: jason, ratings-api, primary. Name the managed route (route: NAME)"),
                bad("no canary known", () -> plan(vs(), dr(), null, V1, null, new RouteChange.SetWeight(10), false),
                        "shop/VirtualService/reviews: canary: no canary destination was given and no release is recorded"),
                bad("canary equals stable", () -> plan(vs(), dr(), null, V1, V1, new RouteChange.SetWeight(10), false),
                        "shop/VirtualService/reviews: canary: the canary reviews/v1 is the stable destination."),
                bad("managed route with a third destination", () -> plan(withThirdDestination(), new RouteChange.SetWeight(10)),
                        "shop/VirtualService/reviews: spec.http[primary].route: sends traffic to reviews/legacy, which is neither the stable"),
                bad("foreign mirror", () -> plan(withForeignMirror(), new RouteChange.SetMirror(10)),
                        "spec.http[].mirror: the managed route already mirrors to shadow (not the canary)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestIsRefusedWithAnActionableMessage(String name, Supplier<RoutePlan> planning, String message) {
        assertThatThrownBy(planning::get).isInstanceOf(InvalidReleaseException.class).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void missingDestinationRuleIsItsOwnErrorType(String name, Supplier<RoutePlan> planning, String message) {
        if (name.equals("missing DestinationRule")) {
            assertThatThrownBy(planning::get).isInstanceOf(MissingObjectException.class);
        } else {
            assertThatThrownBy(planning::get).isNotInstanceOf(MissingObjectException.class);
        }
    }

    private static Arguments bad(String name, Supplier<RoutePlan> planning, String message) {
        return Arguments.of(name, planning, message);
    }

    private static RouteChange testers(TesterMatch... matches) {
        return new RouteChange.SetTesters(TesterRoute.of(matches));
    }

    private static ObjectNode withSecondCatchAll() {
        ObjectNode vs = vs();
        ((ArrayNode) vs.path("spec").path("http")).add(Yaml.node("route: [{destination: {host: reviews, subset: v1}}]"));
        return vs;
    }

    private static ObjectNode withThirdDestination() {
        ObjectNode vs = vs();
        ((ArrayNode) Yaml.route(vs, "primary").get("route")).add(Yaml.node("{destination: {host: reviews, subset: legacy}, weight: 0}"));
        return vs;
    }

    private static ObjectNode withForeignMirror() {
        ObjectNode vs = vs();
        ((ObjectNode) Yaml.route(vs, "primary")).set("mirror", Yaml.node("{host: shadow}"));
        return vs;
    }

    private static final class Destinationless {
        static final io.jenkins.plugins.grayrelease.core.Destination OTHER = io.jenkins.plugins.grayrelease.core.Destination.host("legacy");
    }
}
