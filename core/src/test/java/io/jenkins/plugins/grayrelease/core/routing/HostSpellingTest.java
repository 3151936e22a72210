package io.jenkins.plugins.grayrelease.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.testing.Yaml;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The destinations the engine adds name the service the way the stable entry beside them does:
 * a short name in a VirtualService means that VirtualService's namespace.
 */
class HostSpellingTest {

    private static final ObjectRef GATEWAY_VS = ObjectRef.virtualService("istio-system", "public-routes");
    private static final ObjectRef DR = ObjectRef.destinationRule("shop", "ratings");

    private static ObjectNode vs(String namespace, String stableHost, String subset) {
        return Yaml.node("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: public-routes, namespace: %s}
                spec:
                  hosts: [shop.example.com]
                  gateways: [istio-system/public-gateway]
                  http:
                  - name: ratings
                    route:
                    - destination: {host: %s%s, port: {number: 9080}}
                """.formatted(namespace, stableHost, subset == null ? "" : ", subset: " + subset));
    }

    private static ObjectNode dr() {
        return Yaml.node("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: ratings, namespace: shop}
                spec:
                  host: ratings.shop.svc.cluster.local
                  subsets:
                  - {name: v1, labels: {version: v1}}
                  - {name: v2, labels: {version: v2}}
                """);
    }

    private static RoutePlan plan(ObjectNode vs, ObjectRef vsRef, Destination stable, Destination canary, RouteChange change) {
        return IstioRoutePlanner.plan(new RoutingInput(vs, vsRef, dr(), DR, null, new RouteSides(stable, canary), change, false, Map.of()));
    }

    private static JsonNode entries(RoutePlan plan) {
        return plan.routing().path("spec").path("http").get(plan.routing().path("spec").path("http").size() - 1).path("route");
    }

    @Test
    void aGatewayVirtualServiceInIstioSystemGetsTheCanaryInTheServicesNamespace() {
        ReleaseTarget target = ReleaseTarget.builder("shop", "ratings").virtualService("istio-system/public-routes")
                .stableSubset("v1").canarySubset("v2").build();
        assertThat(target.virtualServiceRef()).isEqualTo(GATEWAY_VS);
        assertThat(target.destinationRuleRef()).isEqualTo(ObjectRef.destinationRule("shop", "ratings"));
        assertThat(target.stable()).isEqualTo(Destination.subset("ratings.shop.svc.cluster.local", "v1"));

        RoutePlan plan = plan(vs("istio-system", "ratings.shop.svc.cluster.local", "v1"), GATEWAY_VS,
                target.stable(), target.canary(), new RouteChange.SetWeight(10));

        assertThat(entries(plan)).isEqualTo(Yaml.node("""
                r:
                - destination: {host: ratings.shop.svc.cluster.local, subset: v1, port: {number: 9080}}
                  weight: 90
                - destination: {host: ratings.shop.svc.cluster.local, subset: v2, port: {number: 9080}}
                  weight: 10
                """).get("r"));
    }

    @Test
    void theCanaryKeepsTheStablesShortSpellingInTheSameNamespace() {
        ObjectRef vsRef = ObjectRef.virtualService("shop", "public-routes");
        RoutePlan plan = plan(vs("shop", "ratings.shop", "v1"), vsRef, Destination.subset("ratings", "v1"),
                Destination.subset("ratings", "v2"), new RouteChange.SetWeight(25));
        assertThat(entries(plan).get(1).path("destination").path("host").asText()).isEqualTo("ratings.shop");
    }

    @Test
    void twoHostsTheCanaryHostTakesTheStableHostsNamespaceSuffix() {
        ReleaseTarget target = ReleaseTarget.builder("shop", "ratings").virtualService("istio-system/public-routes")
                .stable(Destination.host("ratings-stable")).canary(Destination.host("ratings-canary")).build();
        RoutePlan plan = plan(vs("istio-system", "ratings-stable.shop.svc.cluster.local", null), GATEWAY_VS,
                target.stable(), target.canary(), new RouteChange.SetWeight(10));
        assertThat(entries(plan).get(1).path("destination").path("host").asText()).isEqualTo("ratings-canary.shop.svc.cluster.local");

        ObjectRef sameNs = ObjectRef.virtualService("shop", "public-routes");
        RoutePlan local = plan(vs("shop", "ratings-stable.shop.svc.cluster.local", null), sameNs,
                Destination.host("ratings-stable"), Destination.host("ratings-canary"), new RouteChange.SetWeight(10));
        assertThat(entries(local).get(1).path("destination").path("host").asText()).isEqualTo("ratings-canary.shop.svc.cluster.local");
    }

    @Test
    void testerRouteAndMirrorNameTheCanaryLikeTheStable() {
        ObjectNode vs = vs("istio-system", "ratings.shop.svc.cluster.local", "v1");
        Destination stable = Destination.subset("ratings.shop.svc.cluster.local", "v1");
        Destination canary = Destination.subset("ratings.shop.svc.cluster.local", "v2");
        ObjectNode withTesters = plan(vs, GATEWAY_VS, stable, canary,
                new RouteChange.SetTesters(TesterRoute.of(TesterMatch.header("x-canary", "1")))).routing();
        assertThat(Yaml.route(withTesters, "gray-ratings-testers").path("route").get(0).path("destination").path("host").asText())
                .isEqualTo("ratings.shop.svc.cluster.local");

        // The canary given in another spelling of the same service: the mirror copies the stable entry's.
        ObjectNode mirrored = plan(vs, GATEWAY_VS, stable, new Destination("ratings.shop", "v2"), new RouteChange.SetMirror(5)).routing();
        assertThat(Yaml.route(mirrored, "ratings").path("mirror")).isEqualTo(Yaml.node("{host: ratings.shop.svc.cluster.local, subset: v2}"));
    }

    @Test
    void aShortHostInAGatewayVirtualServiceIsNotMistakenForTheServiceInAnotherNamespace() {
        // "ratings" in istio-system means ratings.istio-system: not the shop service's stable side.
        ObjectNode vs = vs("istio-system", "ratings", "v1");
        Destination stable = Destination.subset("ratings.shop.svc.cluster.local", "v1");
        assertThatThrownBy(() -> plan(vs, GATEWAY_VS, stable, Destination.subset("ratings.shop.svc.cluster.local", "v2"),
                new RouteChange.SetWeight(10)))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessageStartingWith("istio-system/VirtualService/public-routes: spec.http: no route without 'match' sends traffic to "
                        + "the stable destination ratings.shop.svc.cluster.local/v1");
    }

    @ParameterizedTest(name = "{0} beside {1} in {2} -> {3}")
    @CsvSource({
        "ratings, ratings.shop.svc.cluster.local, istio-system, ratings, a short name in istio-system is another service (ReleaseTarget qualifies it first)",
        "ratings.shop.svc.cluster.local, ratings.shop.svc.cluster.local, istio-system, ratings.shop.svc.cluster.local, same",
        "ratings, ratings.shop.svc.cluster.local, shop, ratings.shop.svc.cluster.local, same service same namespace",
        "ratings-canary, ratings-stable.shop.svc.cluster.local, shop, ratings-canary.shop.svc.cluster.local, suffix taken",
        "ratings-canary, ratings-stable.shop, shop, ratings-canary.shop, short suffix taken",
        "ratings-canary, ratings-stable, shop, ratings-canary, both short",
        "ratings-canary.shop.svc.cluster.local, ratings-stable, shop, ratings-canary, canary short like stable",
        "ratings-canary, ratings-stable.other.svc.cluster.local, shop, ratings-canary, other namespace left as given",
        "api.example.com, ratings.shop.svc.cluster.local, shop, api.example.com, external host left as given"})
    void spelledLike(String host, String reference, String vsNamespace, String expected, String why) {
        assertThat(HostNames.spelledLike(host, reference, vsNamespace)).as(why).isEqualTo(expected);
    }

    @Test
    void malformedNamespacedVirtualServiceIsRefusedNamingTheForm() {
        assertThatThrownBy(() -> ReleaseTarget.builder("shop", "ratings").virtualService("a/b/c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("release target: virtualService 'a/b/c' is neither a name nor namespace/name (e.g. istio-system/public-routes)");
        ReleaseTarget same = ReleaseTarget.builder("shop", "ratings").virtualService("shop/ratings").build();
        assertThat(same.crossNamespace()).isFalse();
        assertThat(same.routingObject()).isEqualTo("ratings");
    }
}
