package io.jenkins.plugins.grayrelease;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.cluster.RouteResources;
import io.jenkins.plugins.grayrelease.core.testing.HttpRouteSample;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.jenkins.plugins.grayrelease.core.testing.ApiServerPatchDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.GrayRelease;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.testing.SampleApp;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Kubernetes API (fabric8 mock server, CRUD mode, on 127.0.0.1) holding the engine's sample
 * application: {@code shop/reviews} with subsets v1 and v2 and a VirtualService whose managed
 * route {@code primary} sends everything to v1; and the HTTPRoute sample ({@link HttpRouteSample},
 * two Services) for Gateway API releases.
 */
final class MockCluster implements AutoCloseable {

    private final KubernetesMockServer server;

    private MockCluster(KubernetesMockServer server) {
        this.server = server;
    }

    static MockCluster startWithSampleApp() {
        List<CustomResourceDefinitionContext> istio = List.of(
                istioKind(HasMetadata.getKind(VirtualService.class), HasMetadata.getPlural(VirtualService.class)),
                istioKind(HasMetadata.getKind(DestinationRule.class), HasMetadata.getPlural(DestinationRule.class)),
                new CustomResourceDefinitionContext.Builder().withGroup(RouteKind.HTTP_ROUTE.group())
                        .withVersion(RouteKind.HTTP_ROUTE.version()).withKind(RouteKind.HTTP_ROUTE.kind())
                        .withPlural(RouteKind.HTTP_ROUTE.plural()).withScope("Namespaced").build());
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new ApiServerPatchDispatcher(istio), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        MockCluster cluster = new MockCluster(server);
        cluster.install();
        return cluster;
    }

    private static CustomResourceDefinitionContext istioKind(String kind, String plural) {
        return new CustomResourceDefinitionContext.Builder().withGroup("networking.istio.io").withVersion("v1")
                .withKind(kind).withPlural(plural).withScope("Namespaced").build();
    }

    /** The API server address to give withGrayRelease as serverUrl. */
    String url() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
    }

    KubernetesClient client() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url()).withNamespace(SampleApp.NAMESPACE).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private void install() {
        try (KubernetesClient client = client()) {
            // First: the mock server counts resourceVersions across objects, and tests count the VirtualService's.
            client.genericKubernetesResources(RouteResources.of(RouteKind.HTTP_ROUTE)).inNamespace(HttpRouteSample.NAMESPACE)
                    .resource(Serialization.unmarshal(HttpRouteSample.HTTP_ROUTE_YAML, GenericKubernetesResource.class)).create();
            client.resource(Serialization.unmarshal(SampleApp.SERVICE_YAML, Service.class)).create();
            client.resource(Serialization.unmarshal(SampleApp.STABLE_DEPLOYMENT_YAML, Deployment.class)).create();
            client.genericKubernetesResources(IstioResources.DESTINATION_RULE).inNamespace(SampleApp.NAMESPACE)
                    .resource(Serialization.unmarshal(SampleApp.DESTINATION_RULE_YAML, GenericKubernetesResource.class)).create();
            client.genericKubernetesResources(IstioResources.VIRTUAL_SERVICE).inNamespace(SampleApp.NAMESPACE)
                    .resource(Serialization.unmarshal(SampleApp.VIRTUAL_SERVICE_YAML, GenericKubernetesResource.class)).create();
        }
    }

    /** The HTTPRoute's managed rule {@code main} as stored: Service → weight. */
    Map<String, Integer> mainRuleWeights() {
        try (KubernetesClient client = client()) {
            ObjectNode route = new IstioResources(client).get(RouteResources.of(RouteKind.HTTP_ROUTE), HttpRouteSample.NAMESPACE, "reviews");
            Map<String, Integer> weights = new TreeMap<>();
            for (JsonNode rule : route.path("spec").path("rules")) {
                if ("main".equals(rule.path("name").asText())) {
                    rule.path("backendRefs").forEach(b -> weights.put(b.path("name").asText(), b.path("weight").asInt(1)));
                }
            }
            return weights;
        }
    }

    /** The managed route's split as stored in the VirtualService: subset → weight (a lone destination counts 100). */
    Map<String, Integer> primaryWeights() {
        try (KubernetesClient client = client()) {
            ObjectNode vs = new IstioResources(client).get(IstioResources.VIRTUAL_SERVICE, SampleApp.NAMESPACE, SampleApp.SERVICE);
            Map<String, Integer> weights = new TreeMap<>();
            for (JsonNode http : vs.path("spec").path("http")) {
                if ("primary".equals(http.path("name").asText())) {
                    for (JsonNode route : http.path("route")) {
                        weights.put(route.path("destination").path("subset").asText(),
                                route.has("weight") ? route.path("weight").asInt() : 100);
                    }
                }
            }
            return weights;
        }
    }

    /** How many http routes the VirtualService has (user routes plus any the engine added). */
    int routeCount() {
        try (KubernetesClient client = client()) {
            return new IstioResources(client).get(IstioResources.VIRTUAL_SERVICE, SampleApp.NAMESPACE, SampleApp.SERVICE)
                    .path("spec").path("http").size();
        }
    }

    /** The VirtualService's resourceVersion: it moves once per stored write. */
    String resourceVersion() {
        try (KubernetesClient client = client()) {
            return new IstioResources(client).get(IstioResources.VIRTUAL_SERVICE, SampleApp.NAMESPACE, SampleApp.SERVICE)
                    .path("metadata").path("resourceVersion").asText();
        }
    }

    /** Who the release state on the VirtualService says made the last change. */
    String lastChangeBy() {
        try (KubernetesClient client = client()) {
            return new GrayRelease(client, new Actor("test", null)).status(SampleApp.target()).lastChange().by();
        }
    }

    @Override
    public void close() {
        server.destroy();
    }
}
