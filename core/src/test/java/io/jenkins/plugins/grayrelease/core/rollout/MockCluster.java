package io.jenkins.plugins.grayrelease.core.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
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
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.testing.SampleApp;
import io.jenkins.plugins.grayrelease.core.testing.Yaml;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * fabric8's mock API server in CRUD mode holding the sample application, with a DestinationRule
 * that has one subset per canary behaviour of {@link io.jenkins.plugins.grayrelease.core.analysis.CanaryMetrics}.
 */
final class MockCluster implements AutoCloseable {
    static final String DESTINATION_RULE = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: reviews
              namespace: shop
            spec:
              host: reviews
              subsets:
              - {name: v1, labels: {version: v1}}
              - {name: v2, labels: {version: v2}}
              - {name: v3, labels: {version: v3}}
              - {name: v4, labels: {version: v4}}
              - {name: v5, labels: {version: v5}}
            """;

    // The mock server logs every request at INFO; held in a field because JUL keeps loggers weakly.
    private static final java.util.logging.Logger MOCK_SERVER_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final IstioResources istio;

    MockCluster() {
        List<CustomResourceDefinitionContext> kinds = List.of(istioKind("VirtualService", "virtualservices"),
                istioKind("DestinationRule", "destinationrules"),
                new CustomResourceDefinitionContext.Builder().withGroup("gateway.networking.k8s.io").withVersion("v1")
                        .withKind("HTTPRoute").withPlural("httproutes").withScope("Namespaced").build());
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new ApiServerPatchDispatcher(kinds), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + server.getPort()).withNamespace(SampleApp.NAMESPACE).build();
        client = new KubernetesClientBuilder().withConfig(config).build();
        istio = new IstioResources(client);
        create(IstioResources.DESTINATION_RULE, Yaml.node(DESTINATION_RULE));
        create(IstioResources.VIRTUAL_SERVICE, Yaml.node(SampleApp.VIRTUAL_SERVICE_YAML));
        // The Gateway API sample of the same application (two Services), for HTTPRoute rollouts.
        create(io.jenkins.plugins.grayrelease.core.cluster.RouteResources.of(io.jenkins.plugins.grayrelease.core.RouteKind.HTTP_ROUTE),
                io.jenkins.plugins.grayrelease.core.testing.HttpRouteSample.route());
    }

    private static CustomResourceDefinitionContext istioKind(String kind, String plural) {
        return new CustomResourceDefinitionContext.Builder().withGroup("networking.istio.io").withVersion("v1")
                .withKind(kind).withPlural(plural).withScope("Namespaced").build();
    }

    private void create(io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext type, ObjectNode object) {
        GenericKubernetesResource resource = Serialization.jsonMapper().convertValue(object, GenericKubernetesResource.class);
        client.genericKubernetesResources(type).inNamespace(SampleApp.NAMESPACE).resource(resource).create();
    }

    KubernetesClient client() {
        return client;
    }

    ObjectNode virtualService() {
        return istio.get(IstioResources.VIRTUAL_SERVICE, SampleApp.NAMESPACE, SampleApp.SERVICE);
    }

    /** Percentage of the managed route ({@code primary}) going to {@code subset}, as stored. */
    int share(String subset) {
        JsonNode route = Yaml.route(virtualService(), "primary").path("route");
        int total = 0;
        for (JsonNode destination : route) {
            if (subset.equals(destination.path("destination").path("subset").asText())) {
                total += destination.has("weight") ? destination.path("weight").asInt() : (route.size() == 1 ? 100 : 0);
            }
        }
        return total;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
