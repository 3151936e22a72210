package io.jenkins.plugins.grayrelease.core.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.cluster.RouteResources;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import io.jenkins.plugins.grayrelease.sandbox.SandboxObjects;

/**
 * The sample application's {@link Variant#HTTP_ROUTE} installed in a fresh namespace of the real API
 * server (with the Gateway API CRDs and their CEL rules), and the engine pointed at its
 * {@code reviews-stable} → {@code reviews-canary} release of the {@code main} rule.
 */
public record HttpRouteRelease(RealApiServer server, String namespace, ReleaseTarget target, GrayRelease engine) {

    public static HttpRouteRelease install(RealApiServer server, String namespacePrefix) {
        return install(server, namespacePrefix, Variant.HTTP_ROUTE.tree("HTTPRoute"));
    }

    /** Installs {@code route} (its namespace replaced) with the three Services it sends to. */
    public static HttpRouteRelease install(RealApiServer server, String namespacePrefix, ObjectNode route) {
        String namespace = server.createNamespace(namespacePrefix);
        KubernetesClient client = server.client();
        SandboxObjects.create(client, namespace, Variant.HTTP_ROUTE.objects("Service"));
        SandboxObjects.create(client, namespace, Variant.HTTP_ROUTE.objects("Deployment"));
        ObjectNode copy = route.deepCopy();
        ((ObjectNode) copy.get("metadata")).put("namespace", namespace);
        GenericKubernetesResource resource = client.getKubernetesSerialization().convertValue(copy, GenericKubernetesResource.class);
        client.genericKubernetesResources(RouteResources.of(RouteKind.HTTP_ROUTE)).inNamespace(namespace).resource(resource).create();
        return new HttpRouteRelease(server, namespace, SampleTargets.httpRoute(namespace), new GrayRelease(server.client(), SampleRelease.ACTOR));
    }

    /** The HTTPRoute as the server stores it now. */
    public ObjectNode stored() {
        GenericKubernetesResource route = server.client().genericKubernetesResources(RouteResources.of(RouteKind.HTTP_ROUTE))
                .inNamespace(namespace).withName("reviews").get();
        return server.client().getKubernetesSerialization().convertValue(route, ObjectNode.class);
    }

    /** The stored rule called {@code name}; a missing node when there is none. */
    public static JsonNode rule(JsonNode route, String name) {
        for (JsonNode r : route.path("spec").path("rules")) {
            if (name.equals(r.path("name").asText())) {
                return r;
            }
        }
        return route.path("spec").path("rules").path(Integer.MAX_VALUE);
    }

    /** The weight the rule gives the Service {@code service}: -1 when it has no backendRef for it. */
    public static int weight(JsonNode route, String rule, String service) {
        for (JsonNode ref : rule(route, rule).path("backendRefs")) {
            if (service.equals(ref.path("name").asText())) {
                return ref.path("weight").asInt(1);
            }
        }
        return -1;
    }

    /**
     * What a writer of the route changes: its annotations and spec. Not the resourceVersion: the
     * status belongs to the Gateway controller, and when an istiod test runs against the same API
     * server, istiod writes every HTTPRoute's status (a new resourceVersion, nothing the engine did).
     */
    public static JsonNode written(JsonNode route) {
        ObjectNode w = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        w.set("annotations", route.path("metadata").path("annotations").deepCopy());
        w.set("spec", route.path("spec").deepCopy());
        return w;
    }

    /** {@code metadata.generation}: it moves with every stored change of the spec, and only then. */
    public static long generation(JsonNode route) {
        return route.path("metadata").path("generation").asLong();
    }

    public static String resourceVersion(JsonNode route) {
        return route.path("metadata").path("resourceVersion").asText();
    }

    /** The rule without its backendRefs: what the engine must leave alone on the managed rule. */
    public static JsonNode withoutBackendRefs(JsonNode rule) {
        ObjectNode copy = ((ObjectNode) rule).deepCopy();
        copy.remove("backendRefs");
        return copy;
    }
}
