package io.jenkins.plugins.grayrelease.core.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKinds;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a VirtualService as the server stores it, as a JSON tree, and answers the questions the
 * integration tests ask about it (which routes, which weights).
 */
public final class StoredRoutes {

    private final JsonNode virtualService;

    private StoredRoutes(JsonNode virtualService) {
        this.virtualService = virtualService;
    }

    public static StoredRoutes read(KubernetesClient client, String namespace, String name) {
        GenericKubernetesResource vs = client.genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE).inNamespace(namespace).withName(name).get();
        return of(client, vs);
    }

    public static StoredRoutes of(KubernetesClient client, GenericKubernetesResource vs) {
        return new StoredRoutes(client.getKubernetesSerialization().convertValue(vs, JsonNode.class));
    }

    public JsonNode tree() {
        return virtualService;
    }

    public String resourceVersion() {
        return virtualService.path("metadata").path("resourceVersion").asText();
    }

    public JsonNode annotations() {
        return virtualService.path("metadata").path("annotations");
    }

    public List<String> routeNames() {
        List<String> names = new ArrayList<>();
        virtualService.path("spec").path("http").forEach(r -> names.add(r.path("name").asText()));
        return names;
    }

    /** The HTTP route called {@code name}; a missing node when there is none. */
    public JsonNode route(String name) {
        for (JsonNode r : virtualService.path("spec").path("http")) {
            if (name.equals(r.path("name").asText())) {
                return r;
            }
        }
        return virtualService.path("spec").path("http").path(Integer.MAX_VALUE);
    }

    /** The weight the route gives {@code subset}: 0 when absent, 100 for a lone destination without weight. */
    public int weight(String route, String subset) {
        JsonNode destinations = route(route).path("route");
        for (JsonNode d : destinations) {
            if (subset.equals(d.path("destination").path("subset").asText())) {
                return d.has("weight") ? d.get("weight").asInt() : destinations.size() == 1 ? 100 : 0;
            }
        }
        return 0;
    }
}
