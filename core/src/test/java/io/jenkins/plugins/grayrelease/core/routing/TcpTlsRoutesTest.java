package io.jenkins.plugins.grayrelease.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.testing.DbRoutes;
import io.jenkins.plugins.grayrelease.core.testing.Yaml;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A release may manage a tcp[] or tls[] route, named by kind and port ({@code tcp:5432}): Istio's schema
 * has no name for them (the API server prunes one). Weights only: tester and mirror routes are HTTP-only.
 */
class TcpTlsRoutesTest {

    static final ObjectRef VS = ObjectRef.virtualService("shop", "db");
    static final ObjectRef DR = ObjectRef.destinationRule("shop", "db");
    static final Destination V1 = Destination.subset("db", "v1");
    static final Destination V2 = Destination.subset("db", "v2");

    static final String VS_YAML = DbRoutes.VIRTUAL_SERVICE;
    static final String DR_YAML = DbRoutes.DESTINATION_RULE;

    private static RoutePlan plan(ObjectNode vs, String route, RouteChange change) {
        return IstioRoutePlanner.plan(new RoutingInput(vs, VS, Yaml.node(DR_YAML), DR, route, new RouteSides(V1, V2), change, false, Map.of()));
    }

    private static JsonNode route(ObjectNode vs, String kind, int index) {
        return vs.path("spec").path(kind).get(index);
    }

    @Test
    void aNamedTcpRouteIsSplitAndTheTlsRouteStaysAsItWas() {
        ObjectNode before = Yaml.node(VS_YAML);
        RoutePlan plan = plan(before, "tcp:5432", new RouteChange.SetWeight(20));

        assertThat(route(plan.routing(), "tcp", 0).path("route")).isEqualTo(Yaml.node("""
                r:
                - destination: {host: db, subset: v1, port: {number: 5432}}
                  weight: 80
                - destination: {host: db, subset: v2, port: {number: 5432}}
                  weight: 20
                """).get("r"));
        assertThat(route(plan.routing(), "tcp", 0).path("match")).isEqualTo(route(before, "tcp", 0).path("match"));
        assertThat(route(plan.routing(), "tls", 0)).isEqualTo(route(before, "tls", 0));
        assertThat(new IstioTrafficRouter().observe(plan.routing(), VS, "tcp:5432", new RouteSides(V1, V2)).weights())
                .isEqualTo(new WeightSplit(80, 20));
    }

    @Test
    void aNamedTlsRoutePromotesAndRollsBack() {
        ObjectNode split = plan(Yaml.node(VS_YAML), "tls:443", new RouteChange.SetWeight(50)).routing();
        RoutePlan promoted = plan(split, "tls:443", new RouteChange.Promote());
        assertThat(route(promoted.routing(), "tls", 0).path("route")).isEqualTo(Yaml.node("""
                r:
                - destination: {host: db, subset: v2, port: {number: 8443}}
                  weight: 100
                """).get("r"));
        RoutePlan back = plan(split, "tls:443", new RouteChange.Rollback());
        assertThat(route(back.routing(), "tls", 0).path("route").get(0).path("destination").path("subset").asText()).isEqualTo("v1");
        assertThat(route(back.routing(), "tcp", 0)).isEqualTo(route(split, "tcp", 0));
    }

    @Test
    void withoutHttpRoutesTheSingleTcpOrTlsRouteToStableIsFoundOnlyWhenUnambiguous() {
        assertThatThrownBy(() -> plan(Yaml.node(VS_YAML), null, new RouteChange.SetWeight(10)))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessage("shop/VirtualService/db: spec.tcp/spec.tls: the managed route is ambiguous: 2 routes send traffic to "
                        + "the stable destination db/v1: tcp:5432, tls:443. Name the managed route (route: NAME)");
        ObjectNode onlyTcp = Yaml.node(VS_YAML);
        ((ObjectNode) onlyTcp.get("spec")).remove("tls");
        assertThat(route(plan(onlyTcp, null, new RouteChange.SetWeight(10)).routing(), "tcp", 0).path("route").get(1)
                .path("weight").asInt()).isEqualTo(10);
    }

    @Test
    void testersAndMirrorsOnTcpOrTlsRoutesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> plan(Yaml.node(VS_YAML), "tcp:5432", new RouteChange.SetTesters(TesterRoute.of(TesterMatch.header("x-canary", "1")))))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessage("shop/VirtualService/db: spec.tcp[0]: the managed route is a TCP route; tester routes match HTTP headers "
                        + "and cookies, which a TCP route does not see. Use weights only on this route, or manage an HTTP route for testers (route: NAME)");
        assertThatThrownBy(() -> plan(Yaml.node(VS_YAML), "tls:443", new RouteChange.SetMirror(10)))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessage("shop/VirtualService/db: spec.tls[0]: the managed route is a TLS route; Istio mirrors HTTP requests only. "
                        + "Use weights only on this route, or manage an HTTP route for a mirror (route: NAME)");
        // Removing what cannot be there is not an error: rollback and "mirror 0" stay idempotent.
        assertThat(plan(Yaml.node(VS_YAML), "tls:443", new RouteChange.SetMirror(0)).routesChanged()).isFalse();
    }

    @Test
    void aTcpOrTlsRouteIsNamedByItsPortAndAnUnknownOneListsTheRoutesOfEveryKind() {
        assertThatThrownBy(() -> plan(Yaml.node(VS_YAML), "tcp:3306", new RouteChange.SetWeight(10)))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessage("shop/VirtualService/db: spec.tcp[].match[].port: no route is named 'tcp:3306'; routes: "
                        + "tcp:5432, tls:443. Give the name of an existing HTTP route, or tcp:PORT / tls:PORT for a TCP or TLS route");
    }
}
