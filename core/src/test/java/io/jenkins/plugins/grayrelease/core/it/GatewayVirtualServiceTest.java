package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A gateway VirtualService in istio-system routing to a service in its own namespace: the
 * canary destinations the engine adds name the service's namespace, as the stable
 * entry does, and Istio's validation accepts every stored state.
 */
@ApiServerTest
class GatewayVirtualServiceTest {

    private static final String GATEWAY_NS = "istio-system";

    private static String gatewayVs(String name, String stableHost, String subset) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %s}
                spec:
                  hosts: [%s.example.com]
                  gateways: [istio-system/public-gateway]
                  http:
                  - name: ratings
                    match:
                    - uri: {prefix: /ratings}
                    route:
                    - destination: {host: %s%s, port: {number: 9080}}
                    timeout: 5s
                  - name: other
                    route:
                    - destination: {host: productpage.%s.svc.cluster.local, port: {number: 9080}}
                """.formatted(name, name, stableHost, subset == null ? "" : ", subset: " + subset, stableHost.split("\\.")[1]);
    }


    private static List<String> hosts(ObjectNode vs, String route) {
        List<String> hosts = new ArrayList<>();
        for (JsonNode r : vs.path("spec").path("http")) {
            if (route.equals(r.path("name").asText())) {
                r.path("route").forEach(e -> hosts.add(e.path("destination").path("host").asText() + "/"
                        + e.path("destination").path("subset").asText("") + "=" + e.path("weight").asText("")));
            }
        }
        return hosts;
    }

    private static void assertValid(IstioValidator istio, RealApiServer server, String vs, String shop, String dr, String when) {
        IstioValidator.IstioValidation v = istio.validate(Cluster.objects(server.client(), GATEWAY_NS, vs, shop, dr));
        assertThat(v.valid()).as(when + ":\n" + v.output()).isTrue();
    }

    @Test
    void subsetsOfOneHostTheCanaryNamesTheServicesNamespaceLikeTheStable(RealApiServer server, IstioValidator istio) {
        String shop = server.createNamespace("shop");
        Cluster.ensureNamespace(server.client(), GATEWAY_NS);
        String vsName = "public-" + shop;
        String fqdn = "ratings." + shop + ".svc.cluster.local";
        Cluster.install(server.client(), shop, RatingsService.DESTINATION_RULE);
        Cluster.install(server.client(), GATEWAY_NS, gatewayVs(vsName, fqdn, "v1"));
        io.jenkins.plugins.grayrelease.core.testing.Workloads.serve(server.client(), shop, "ratings", "v1", "v2");
        GrayRelease engine = new GrayRelease(server.client(), SampleRelease.ACTOR);
        ReleaseTarget target = ReleaseTarget.builder(shop, "ratings").virtualService(GATEWAY_NS + "/" + vsName)
                .route("ratings").stableSubset("v1").canarySubset("v2").build();

        engine.setWeight(target, 10, WriteOptions.defaults());
        ObjectNode vs = Cluster.virtualService(server.client(), GATEWAY_NS, vsName);
        assertThat(hosts(vs, "ratings")).containsExactly(fqdn + "/v1=90", fqdn + "/v2=10");
        assertValid(istio, server, vsName, shop, "ratings", "after weight 10");

        engine.setTesters(target, TesterRoute.of(TesterMatch.header("x-canary", "yes")), WriteOptions.defaults());
        engine.setMirror(target, 20, WriteOptions.defaults());
        vs = Cluster.virtualService(server.client(), GATEWAY_NS, vsName);
        assertThat(hosts(vs, "gray-ratings-testers")).containsExactly(fqdn + "/v2=100");
        assertThat(vs.path("spec").path("http").get(1).path("mirror").path("host").asText()).isEqualTo(fqdn);
        assertValid(istio, server, vsName, shop, "ratings", "after testers and mirror");

        // A later run names only the service and the VirtualService; the record names the rest.
        ReleaseTarget byName = ReleaseTarget.builder(shop, "ratings").virtualService(GATEWAY_NS + "/" + vsName).route("ratings").build();
        ReleaseStatus status = engine.status(byName);
        assertThat(status.weights()).isEqualTo(new WeightSplit(90, 10));
        assertThat(status.routingObject()).isEqualTo(GATEWAY_NS + "/" + vsName);
        assertThat(status.drift()).isEmpty();

        engine.promote(byName, PromoteOptions.defaults());
        vs = Cluster.virtualService(server.client(), GATEWAY_NS, vsName);
        assertThat(hosts(vs, "ratings")).containsExactly(fqdn + "/v2=100");
        assertThat(engine.status(byName).stable()).isEqualTo(Destination.subset(fqdn, "v2"));
        assertThat(engine.status(byName).phase()).isEqualTo(Phase.PROMOTED);
        assertValid(istio, server, vsName, shop, "ratings", "after promote");
        // The user's other route is exactly as it was.
        assertThat(hosts(vs, "other")).containsExactly("productpage." + shop + ".svc.cluster.local/=");
    }

    @Test
    void twoHostsTheCanaryHostTakesTheStableHostsNamespace(RealApiServer server, IstioValidator istio) {
        String shop = server.createNamespace("shop2h");
        Cluster.ensureNamespace(server.client(), GATEWAY_NS);
        String vsName = "public-" + shop;
        Cluster.install(server.client(), shop, RatingsService.DESTINATION_RULE);
        Cluster.install(server.client(), GATEWAY_NS, gatewayVs(vsName, "ratings-stable." + shop + ".svc.cluster.local", null));
        io.jenkins.plugins.grayrelease.core.testing.Workloads.serveService(server.client(), shop, "ratings-stable",
                java.util.Map.of("app", "ratings", "track", "stable"), "ratings-v1");
        io.jenkins.plugins.grayrelease.core.testing.Workloads.serveService(server.client(), shop, "ratings-canary",
                java.util.Map.of("app", "ratings", "track", "canary"), "ratings-v2");
        GrayRelease engine = new GrayRelease(server.client(), SampleRelease.ACTOR);
        ReleaseTarget target = ReleaseTarget.builder(shop, "ratings").virtualService(GATEWAY_NS + "/" + vsName).route("ratings")
                .stable(Destination.host("ratings-stable")).canary(Destination.host("ratings-canary")).build();

        engine.setWeight(target, 30, WriteOptions.defaults());

        ObjectNode vs = Cluster.virtualService(server.client(), GATEWAY_NS, vsName);
        assertThat(hosts(vs, "ratings")).containsExactly("ratings-stable." + shop + ".svc.cluster.local/=70",
                "ratings-canary." + shop + ".svc.cluster.local/=30");
        assertValid(istio, server, vsName, shop, "ratings", "two hosts at 30 %");
        engine.rollback(target, WriteOptions.defaults());
        assertThat(hosts(Cluster.virtualService(server.client(), GATEWAY_NS, vsName), "ratings"))
                .containsExactly("ratings-stable." + shop + ".svc.cluster.local/=100");
    }
}
