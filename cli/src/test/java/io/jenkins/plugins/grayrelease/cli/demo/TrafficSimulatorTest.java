package io.jenkins.plugins.grayrelease.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficSimulatorTest {

    private static final String WEIGHTED = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: shop}
            spec:
              hosts: [reviews]
              http:
              - name: partner
                match:
                - headers:
                    x-partner: {exact: acme}
                route:
                - destination: {host: reviews, subset: v1}
              - name: testers
                match:
                - headers:
                    end-user: {prefix: jas}
                - headers:
                    x-tenant: {regex: "qa-[0-9]+"}
                route:
                - destination: {host: reviews, subset: v2}
              - name: primary
                route:
                - destination: {host: reviews, subset: v1}
                  weight: 70
                - destination: {host: reviews, subset: v2}
                  weight: 30
            """;

    private static VirtualService virtualService(String yaml) throws Exception {
        return new YAMLMapper().readValue(yaml, VirtualService.class);
    }

    /** The VirtualService {@code reviews} with these {@code http} routes (a YAML list, as under {@code spec.http}). */
    private static VirtualService httpRoutes(String routes) throws Exception {
        return virtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  http:
                """ + routes.indent(2));
    }

    private static List<SimulatedRequest> requests(int count, Map<String, String> headers) {
        List<SimulatedRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(new SimulatedRequest(headers));
        }
        return requests;
    }

    @Test
    void headerRouteTakesItsRequestsWhateverTheWeights() throws Exception {
        SimulatedSplit split = new TrafficSimulator(1).route(virtualService(WEIGHTED), requests(500, Map.of("x-partner", "acme")));

        assertThat(split.versions()).containsExactly(Map.entry("v1", 500));
        assertThat(split.routes()).extracting(SimulatedSplit.RouteCount::name).containsExactly("partner");
    }

    @Test
    void prefixAndRegexMatchesSendTestersToTheCanary() throws Exception {
        VirtualService vs = virtualService(WEIGHTED);
        TrafficSimulator simulator = new TrafficSimulator(1);

        assertThat(simulator.route(vs, requests(10, Map.of("end-user", "jason"))).route("testers").requests()).isEqualTo(10);
        assertThat(simulator.route(vs, requests(10, Map.of("x-tenant", "qa-17"))).share("v2")).isEqualTo(1.0);
        // Envoy's regex must match the whole value.
        assertThat(simulator.route(vs, requests(10, Map.of("x-tenant", "qa-17b"))).route("testers")).isNull();
    }

    @Test
    void requestsWithoutHeadersAreSplitByTheWeightsWithinTwoPoints() throws Exception {
        SimulatedSplit split = new TrafficSimulator(7).route(virtualService(WEIGHTED), requests(4000, Map.of()));

        assertThat(split.route("primary").requests()).isEqualTo(4000);
        assertThat(split.share("v2")).isCloseTo(0.30, within(0.02));
        assertThat(split.share("v1")).isCloseTo(0.70, within(0.02));
    }

    @Test
    void sameSeedGivesTheSameSplitAndAnotherSeedADifferentOne() throws Exception {
        VirtualService vs = virtualService(WEIGHTED);
        List<SimulatedRequest> traffic = SimulatedRequest.demoTraffic(4000, 3);

        SimulatedSplit first = new TrafficSimulator(3).route(vs, traffic);
        SimulatedSplit again = new TrafficSimulator(3).route(vs, traffic);
        SimulatedSplit other = new TrafficSimulator(4).route(vs, traffic);

        assertThat(again).isEqualTo(first);
        assertThat(other.versions()).isNotEqualTo(first.versions());
    }

    @Test
    void demoTrafficCarriesPartnerAndTesterHeadersInSmallShares() throws Exception {
        SimulatedSplit split = new TrafficSimulator(7).route(virtualService(WEIGHTED), SimulatedRequest.demoTraffic(4000, 7));

        assertThat(split.route("partner").requests() / 4000.0).isCloseTo(0.04, within(0.01));
        assertThat(split.route("testers").requests() / 4000.0).isCloseTo(0.03, within(0.01));
    }

    @Test
    void matchOnUriIsNotTakenForSimulatedRequests() throws Exception {
        VirtualService vs = httpRoutes("""
                - name: api
                  match:
                  - uri: {prefix: /api}
                  route:
                  - destination: {host: reviews, subset: v2}
                - name: rest
                  route:
                  - destination: {host: reviews, subset: v1}
                """);

        SimulatedSplit split = new TrafficSimulator(1).route(vs, requests(100, Map.of()));

        assertThat(split.versions()).containsExactly(Map.entry("v1", 100));
    }

    @Test
    void requestsNoRouteAcceptsAreCountedAsNoRoute() throws Exception {
        VirtualService vs = httpRoutes("""
                - name: only-testers
                  match:
                  - headers:
                      end-user: {exact: jason}
                  route:
                  - destination: {host: reviews, subset: v2}
                """);

        SimulatedSplit split = new TrafficSimulator(1).route(vs, requests(10, Map.of()));

        assertThat(split.versions()).containsExactly(Map.entry(TrafficSimulator.NO_ROUTE, 10));
    }

    @Test
    void twoHostLayoutCountsByHost() throws Exception {
        VirtualService vs = httpRoutes("""
                - route:
                  - destination: {host: reviews}
                    weight: 50
                  - destination: {host: reviews-canary}
                    weight: 50
                """);

        SimulatedSplit split = new TrafficSimulator(1).route(vs, requests(4000, Map.of()));

        assertThat(split.versions().keySet()).containsExactly("reviews", "reviews-canary");
        assertThat(split.share("reviews-canary")).isCloseTo(0.5, within(0.02));
        assertThat(split.routes().get(0).name()).isEqualTo("http[0]");
    }
}
