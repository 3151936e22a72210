package io.jenkins.plugins.grayrelease.core.routing;

import static io.jenkins.plugins.grayrelease.core.routing.PlannerFixture.V1;
import static io.jenkins.plugins.grayrelease.core.routing.PlannerFixture.V2;
import static io.jenkins.plugins.grayrelease.core.routing.PlannerFixture.V3;
import static io.jenkins.plugins.grayrelease.core.routing.PlannerFixture.dr;
import static io.jenkins.plugins.grayrelease.core.routing.PlannerFixture.plan;
import static io.jenkins.plugins.grayrelease.core.routing.PlannerFixture.vs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.Yaml;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IstioRoutePlannerTest {

    @ParameterizedTest(name = "weight {0} gives v1={1}, v2={0}")
    @CsvSource({"0,100", "1,99", "50,50", "99,1", "100,0"})
    void setWeightSplitsManagedRouteBetweenStableAndCanary(int canary, int stable) {
        RoutePlan plan = plan(vs(), new RouteChange.SetWeight(canary));

        assertThat(Yaml.route(plan.routing(), "primary").get("route")).isEqualTo(Yaml.node("""
                r:
                - destination: {host: reviews, subset: v1}
                  weight: %d
                - destination: {host: reviews, subset: v2}
                  weight: %d
                """.formatted(stable, canary)).get("r"));
        assertThat(plan.routesChanged()).isTrue();
    }

    @Test
    void shiftingWeightKeepsOtherRoutesAndFieldsUntouched() {
        ObjectNode before = vs();
        ObjectNode after = plan(before, new RouteChange.SetWeight(30)).routing();

        assertThat(Yaml.route(after, "jason")).isEqualTo(Yaml.route(before, "jason"));
        assertThat(Yaml.route(after, "ratings-api")).isEqualTo(Yaml.route(before, "ratings-api"));
        JsonNode primary = Yaml.route(after, "primary");
        assertThat(primary.get("timeout").asText()).isEqualTo("10s");
        assertThat(primary.get("retries")).isEqualTo(Yaml.route(before, "primary").get("retries"));
        assertThat(primary.get("headers")).isEqualTo(Yaml.route(before, "primary").get("headers"));
        assertThat(after.get("metadata")).isEqualTo(before.get("metadata"));
        assertThat(after.path("spec").get("exportTo")).isEqualTo(before.path("spec").get("exportTo"));
    }

    @Test
    void plannerNeverModifiesItsInput() {
        ObjectNode before = vs();
        ObjectNode copy = before.deepCopy();
        plan(before, new RouteChange.SetTesters(TesterRoute.of(TesterMatch.header("x-canary", "1"))));
        assertThat(before).isEqualTo(copy);
    }

    @Test
    void sameWeightTwiceChangesNothingTheSecondTime() {
        ObjectNode once = plan(vs(), new RouteChange.SetWeight(10)).routing();
        RoutePlan again = plan(once, new RouteChange.SetWeight(10));
        assertThat(again.routesChanged()).isFalse();
        assertThat(again.routing()).isEqualTo(once);
    }

    @Test
    void testerRouteGoesImmediatelyBeforeManagedRouteAndIsReplacedNotDuplicated() {
        TesterRoute testers = TesterRoute.of(TesterMatch.header("X-Canary", "yes"), TesterMatch.headerPrefix("user-agent", "qa-"),
                TesterMatch.headerRegex("x-team", "^(qa|dev)$"), TesterMatch.cookie("canary", "on"));
        ObjectNode once = plan(vs(), new RouteChange.SetTesters(testers)).routing();
        ObjectNode twice = plan(once, new RouteChange.SetTesters(testers)).routing();

        assertThat(names(twice)).containsExactly("jason", "ratings-api", "gray-primary-testers", "primary");
        assertThat(twice).isEqualTo(once);
        assertThat(Yaml.route(once, "gray-primary-testers")).isEqualTo(Yaml.node("""
                name: gray-primary-testers
                match:
                - headers: {x-canary: {exact: "yes"}}
                - headers: {user-agent: {prefix: qa-}}
                - headers: {x-team: {regex: "^(qa|dev)$"}}
                - headers: {cookie: {regex: "^(.*?;\\\\s*)?(canary=on)(;.*)?$"}}
                route:
                - destination: {host: reviews, subset: v2}
                  weight: 100
                timeout: 10s
                retries: {attempts: 2}
                headers: {response: {set: {x-served-by: mesh}}}
                """));
        assertThat(TesterRoutes.read(Yaml.route(once, "gray-primary-testers")))
                .containsExactly(TesterMatch.header("x-canary", "yes"), TesterMatch.headerPrefix("user-agent", "qa-"),
                        TesterMatch.headerRegex("x-team", "^(qa|dev)$"), TesterMatch.cookie("canary", "on"));
    }

    @Test
    void newTesterMatchesReplaceTheOldOnes() {
        ObjectNode first = plan(vs(), new RouteChange.SetTesters(TesterRoute.of(TesterMatch.header("x-a", "1")))).routing();
        ObjectNode second = plan(first, new RouteChange.SetTesters(TesterRoute.of(TesterMatch.header("x-b", "2")))).routing();
        assertThat(TesterRoutes.read(Yaml.route(second, "gray-primary-testers"))).containsExactly(TesterMatch.header("x-b", "2"));
        assertThat(names(second)).containsExactly("jason", "ratings-api", "gray-primary-testers", "primary");
    }

    @Test
    void removingTestersRestoresTheRoutesExactly() {
        ObjectNode with = plan(vs(), new RouteChange.SetTesters(TesterRoute.of(TesterMatch.header("x-a", "1")))).routing();
        assertThat(plan(with, new RouteChange.RemoveTesters()).routing()).isEqualTo(vs());
    }

    @Test
    void mirrorIsAddedToManagedRouteAndRemovedByZero() {
        ObjectNode mirrored = plan(vs(), new RouteChange.SetMirror(25)).routing();
        JsonNode primary = Yaml.route(mirrored, "primary");
        assertThat(primary.get("mirror")).isEqualTo(Yaml.node("{host: reviews, subset: v2}"));
        assertThat(primary.path("mirrorPercentage").path("value").asDouble()).isEqualTo(25.0);
        assertThat(plan(mirrored, new RouteChange.SetMirror(0)).routing()).isEqualTo(vs());
    }

    @Test
    void promoteSendsAllToCanaryAndRemovesTestersAndMirror() {
        ObjectNode running = plan(vs(), new RouteChange.SetWeight(40)).routing();
        running = plan(running, new RouteChange.SetTesters(TesterRoute.of(TesterMatch.header("x-a", "1")))).routing();
        running = plan(running, new RouteChange.SetMirror(10)).routing();

        ObjectNode promoted = plan(running, new RouteChange.Promote()).routing();

        assertThat(names(promoted)).containsExactly("jason", "ratings-api", "primary");
        JsonNode primary = Yaml.route(promoted, "primary");
        assertThat(primary.get("route")).isEqualTo(Yaml.node("r: [{destination: {host: reviews, subset: v2}, weight: 100}]").get("r"));
        assertThat(primary.has("mirror")).isFalse();
        assertThat(primary.has("mirrorPercentage")).isFalse();
    }

    @Test
    void promotionDoesNotNeedTheOldStableSubsetAnyMore() {
        ObjectNode running = plan(vs(), new RouteChange.SetWeight(50)).routing();
        ObjectNode dr = dr();
        ((com.fasterxml.jackson.databind.node.ArrayNode) dr.path("spec").path("subsets")).remove(0);

        ObjectNode promoted = plan(running, dr, null, V1, V2, new RouteChange.Promote(), false).routing();

        assertThat(Yaml.route(promoted, "primary").get("route")).isEqualTo(Yaml.node("r: [{destination: {host: reviews, subset: v2}, weight: 100}]").get("r"));
    }

    @Test
    void secondReleaseStartsFromThePromotedStable() {
        ObjectNode promoted = plan(plan(vs(), new RouteChange.SetWeight(50)).routing(), new RouteChange.Promote()).routing();
        ObjectNode second = plan(promoted, dr(), null, V2, V3, new RouteChange.SetWeight(10), true).routing();
        assertThat(Yaml.route(second, "primary").get("route")).isEqualTo(Yaml.node("""
                r:
                - destination: {host: reviews, subset: v2}
                  weight: 90
                - destination: {host: reviews, subset: v3}
                  weight: 10
                """).get("r"));
    }

    @Test
    void rollbackSendsAllToStableAndRemovesEngineRoutes() {
        ObjectNode running = plan(vs(), new RouteChange.SetWeight(40)).routing();
        running = plan(running, new RouteChange.SetTesters(TesterRoute.of(TesterMatch.header("x-a", "1")))).routing();
        running = plan(running, new RouteChange.SetMirror(10)).routing();

        ObjectNode back = plan(running, new RouteChange.Rollback()).routing();

        assertThat(names(back)).containsExactly("jason", "ratings-api", "primary");
        assertThat(Yaml.route(back, "primary").get("route"))
                .isEqualTo(Yaml.node("r: [{destination: {host: reviews, subset: v1}, weight: 100}]").get("r"));
        assertThat(Yaml.route(back, "primary").has("mirror")).isFalse();
    }

    @Test
    void aMirrorTheUserWroteSurvivesRollback() {
        ObjectNode vs = vs();
        ((ObjectNode) Yaml.route(vs, "primary")).set("mirror", Yaml.node("{host: shadow}"));
        ObjectNode back = plan(plan(vs, new RouteChange.SetWeight(20)).routing(), new RouteChange.Rollback()).routing();
        assertThat(Yaml.route(back, "primary").get("mirror")).isEqualTo(Yaml.node("{host: shadow}"));
    }

    @Test
    void twoHostLayoutSplitsBetweenHostsAndCopiesThePort() {
        ObjectNode vs = Variant.TWO_HOSTS.tree("VirtualService");
        Destination stable = SampleTargets.checkout().stable();
        Destination canary = SampleTargets.checkout().canary();
        RoutePlan plan = plan(vs, null, null, stable, canary, new RouteChange.SetWeight(20), false);

        assertThat(Yaml.route(plan.routing(), "main").get("route")).isEqualTo(Yaml.node("""
                r:
                - destination: {host: checkout-stable.shop.svc.cluster.local, port: {number: 8080}}
                  weight: 80
                - destination: {host: checkout-canary.shop.svc.cluster.local, port: {number: 8080}}
                  weight: 20
                """).get("r"));
        assertThat(Yaml.route(plan.routing(), "main").get("corsPolicy")).isEqualTo(Yaml.route(vs, "main").get("corsPolicy"));
        assertThat(plan.needsSubset()).isFalse();
    }

    @Test
    void shortAndFullHostNamesAreTheSameDestination() {
        ObjectNode vs = vs();
        ((ObjectNode) Yaml.route(vs, "primary").get("route").get(0).get("destination")).put("host", "reviews.shop.svc.cluster.local");
        RoutePlan plan = plan(vs, new RouteChange.SetWeight(5));
        assertThat(Yaml.route(plan.routing(), "primary").get("route").get(0).path("weight").asInt()).isEqualTo(95);
        assertThat(Yaml.route(plan.routing(), "primary").get("route")).hasSize(2);
    }

    @Test
    void missingCanarySubsetIsAddedOnlyWhenAsked() {
        RoutePlan plan = plan(vs(), dr(), null, V1, V3, new RouteChange.SetWeight(10), true);
        assertThat(plan.subsets().path("spec").path("subsets").get(2))
                .isEqualTo(Yaml.node("{name: v3, labels: {version: v3}}"));
        assertThat(plan.subsets().path("spec").get("trafficPolicy")).isEqualTo(dr().path("spec").get("trafficPolicy"));
    }

    @Test
    void namedRouteCanBeManagedEvenWithMatch() {
        RoutePlan plan = plan(vs(), dr(), "jason", V1, V2, new RouteChange.SetWeight(50), false);
        assertThat(Yaml.route(plan.routing(), "jason").get("route")).hasSize(2);
        assertThat(Yaml.route(plan.routing(), "primary")).isEqualTo(Yaml.route(vs(), "primary"));
    }

    private static java.util.List<String> names(JsonNode vs) {
        java.util.List<String> names = new java.util.ArrayList<>();
        vs.path("spec").path("http").forEach(r -> names.add(r.path("name").asText()));
        return names;
    }
}
