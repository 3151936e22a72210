package io.jenkins.plugins.grayrelease.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.Layout;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.testing.Yaml;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fixed stable/canary subset layout, planned without a server. */
class FixedSubsetPlannerTest {

    private static final ObjectRef VS = ObjectRef.virtualService("shop", "reviews");
    private static final ObjectRef DR = ObjectRef.destinationRule("shop", "reviews");
    private static final Destination STABLE = Destination.subset("reviews", "stable");
    private static final Destination CANARY = Destination.subset("reviews", "canary");

    static ObjectNode vs(int stableWeight, int canaryWeight) {
        return Yaml.node("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews, namespace: shop}
                spec:
                  hosts: [reviews]
                  http:
                  - name: primary
                    route:
                    - destination: {host: reviews, subset: stable}
                      weight: %d
                    - destination: {host: reviews, subset: canary}
                      weight: %d
                """.formatted(stableWeight, canaryWeight));
    }

    static ObjectNode dr(String stableVersion, String canaryVersion) {
        return Yaml.node("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: reviews, namespace: shop}
                spec:
                  host: reviews
                  subsets:
                  - {name: stable, labels: {app: reviews, version: %s}}
                  - {name: canary, labels: {app: reviews, version: %s}}
                """.formatted(stableVersion, canaryVersion));
    }

    private static RoutePlan plan(ObjectNode vs, ObjectNode dr, RouteChange change, String canaryVersion) {
        return IstioRoutePlanner.plan(new RoutingInput(vs, VS, dr, DR, null, new RouteSides(STABLE, CANARY), change, false,
                Map.of(), canaryVersion));
    }

    private static String weights(RoutePlan plan) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : Yaml.route(plan.routing(), "primary").path("route")) {
            sb.append(e.path("destination").path("subset").asText()).append('=').append(e.path("weight").asInt()).append(' ');
        }
        return sb.toString().trim();
    }

    private static String labels(ObjectNode dr, String subset) {
        return String.valueOf(SubsetCheck.labels(dr, subset));
    }

    @Test
    void subsetsNamedStableAndCanaryAreTheFixedLayoutUnlessChosenOtherwise() {
        assertThat(new RouteSides(STABLE, CANARY).layout()).isEqualTo(Layout.FIXED_SUBSETS);
        assertThat(new RouteSides(STABLE, null).layout()).isEqualTo(Layout.FIXED_SUBSETS);
        assertThat(new RouteSides(Destination.subset("reviews", "v1"), Destination.subset("reviews", "v2")).layout()).isEqualTo(Layout.PER_VERSION);
        assertThat(new RouteSides(STABLE, CANARY, Layout.PER_VERSION).layout()).isEqualTo(Layout.PER_VERSION);
        assertThat(new RouteSides(Destination.subset("reviews", "primary"), Destination.subset("reviews", "preview"),
                Layout.FIXED_SUBSETS).fixedSubsets()).isTrue();
        assertThat(Layout.parse("fixed-subsets")).isEqualTo(Layout.FIXED_SUBSETS);
        assertThat(Layout.parse("PER_VERSION")).isEqualTo(Layout.PER_VERSION);
        assertThatThrownBy(() -> Layout.parse("blue-green")).hasMessage("layout 'blue-green' is unknown; use one of per-version, fixed-subsets");
    }

    @Test
    void theCanaryVersionIsSetOnTheCanarySubsetBeforeAnyTrafficGoesThere() {
        RoutePlan plan = plan(vs(100, 0), dr("v1", "v1"), new RouteChange.SetWeight(10), "v2");

        assertThat(plan.needsSubset()).isTrue();
        assertThat(labels(plan.subsets(), "canary")).isEqualTo("{app=reviews, version=v2}");
        assertThat(labels(plan.subsets(), "stable")).isEqualTo("{app=reviews, version=v1}");
        assertThat(weights(plan)).isEqualTo("stable=90 canary=10");
        // The subset names never change: only weights differ from what is in Git.
        assertThat(plan.routing().toString()).doesNotContain("v2");

        RoutePlan again = plan(plan.routing(), plan.subsets(), new RouteChange.SetWeight(10), "v2");
        assertThat(again.needsSubset()).isFalse();
        assertThat(again.routesChanged()).isFalse();
    }

    @Test
    void theCanarySubsetIsNotMovedToAnotherVersionWhileItTakesTraffic() {
        assertThatThrownBy(() -> plan(vs(80, 20), dr("v1", "v2"), new RouteChange.SetWeight(30), "v3"))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessage("shop/DestinationRule/reviews: spec.subsets[canary].labels.version: the canary subset selects version=v2 "
                        + "and takes traffic (20 %); moving it to v3 would send that traffic to another version. "
                        + "Finish this release first (promote or roll back), then release v3");
    }

    @Test
    void trafficToACanarySubsetThatSelectsTheStablePodsIsRefused() {
        assertThatThrownBy(() -> plan(vs(100, 0), dr("v1", "v1"), new RouteChange.SetTesters(TesterRoute.of(TesterMatch.header("x-canary", "1"))), null))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessageStartingWith("shop/DestinationRule/reviews: spec.subsets[canary].labels: the canary subset selects the same pods "
                        + "as the stable subset ({app=reviews, version=v1}). Give the canary's version (grayctl --canary-version V; Jenkins canaryVersion:)");
        // Weight 0 sends nothing there: allowed, e.g. to reset.
        assertThat(weights(plan(vs(100, 0), dr("v1", "v1"), new RouteChange.SetWeight(0), null))).isEqualTo("stable=100 canary=0");
    }

    @Test
    void promotionGoesThroughThreeValidStatesEachItsOwnWrite() {
        // 1: all traffic to the canary subset (v2 pods); the DestinationRule is untouched.
        RoutePlan first = plan(vs(90, 10), dr("v1", "v2"), new RouteChange.Promote(), null);
        assertThat(weights(first)).isEqualTo("stable=0 canary=100");
        assertThat(first.needsSubset()).isFalse();

        // 2: the stable subset takes the canary's labels; the routes are untouched.
        RoutePlan second = plan(first.routing(), dr("v1", "v2"), new RouteChange.Promote(), null);
        assertThat(second.routesChanged()).isFalse();
        assertThat(labels(second.subsets(), "stable")).isEqualTo("{app=reviews, version=v2}");
        assertThat(labels(second.subsets(), "canary")).isEqualTo("{app=reviews, version=v2}");

        // 3: all traffic back to the stable subset, which now selects v2; the canary entry stays at 0.
        RoutePlan third = plan(first.routing(), second.subsets(), new RouteChange.Promote(), null);
        assertThat(weights(third)).isEqualTo("stable=100 canary=0");
        assertThat(third.needsSubset()).isFalse();

        RoutePlan done = plan(third.routing(), second.subsets(), new RouteChange.Promote(), null);
        assertThat(done.routesChanged()).isFalse();
        assertThat(done.needsSubset()).isFalse();
    }

    @Test
    void rollbackSendsEverythingToStableAndKeepsTheCanaryEntryAtZero() {
        ObjectNode withTesters = plan(vs(70, 30), dr("v1", "v2"),
                new RouteChange.SetTesters(TesterRoute.of(TesterMatch.header("x-canary", "1"))), null).routing();
        RoutePlan back = plan(withTesters, dr("v1", "v2"), new RouteChange.Rollback(), null);
        assertThat(weights(back)).isEqualTo("stable=100 canary=0");
        assertThat(Yaml.route(back.routing(), "gray-primary-testers")).isNull();
        assertThat(back.needsSubset()).isFalse();
    }

    @Test
    void theFixedLayoutNeedsSubsetsNotHosts() {
        assertThatThrownBy(() -> IstioRoutePlanner.plan(new RoutingInput(vs(100, 0), VS, dr("v1", "v1"), DR, null,
                new RouteSides(Destination.host("reviews"), Destination.host("reviews-canary"), Layout.FIXED_SUBSETS),
                new RouteChange.SetWeight(10), false, Map.of(), "v2")))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessageStartingWith("shop/VirtualService/reviews: layout: the fixed-subset layout routes to two subsets of one host, "
                        + "but the stable reviews is a host without subset");
    }

    @Test
    void theVersionLabelIsAppKubernetesIoVersionWhenTheSubsetUsesThat() {
        ObjectNode dr = Yaml.node("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: reviews, namespace: shop}
                spec:
                  host: reviews
                  subsets:
                  - {name: stable, labels: {app.kubernetes.io/version: "1.0"}}
                  - {name: canary, labels: {app.kubernetes.io/version: "1.0"}}
                """);
        RoutePlan plan = plan(vs(100, 0), dr, new RouteChange.SetWeight(5), "1.1");
        assertThat(labels(plan.subsets(), "canary")).isEqualTo("{app.kubernetes.io/version=1.1}");
        assertThat(SubsetVersions.of(plan.subsets(), CANARY)).isEqualTo("1.1");
    }
}
