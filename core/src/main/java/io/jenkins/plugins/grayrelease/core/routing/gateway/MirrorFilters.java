package io.jenkins.plugins.grayrelease.core.routing.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;

/**
 * The engine's mirror on the managed rule: a {@code RequestMirror} filter whose backend is the
 * canary Service, with {@code percent} (standard channel since Gateway API 1.3). A mirror to any
 * other backend is the user's and is never replaced or removed.
 */
final class MirrorFilters {

    static final String TYPE = "RequestMirror";

    private MirrorFilters() {
    }

    static boolean isMirrorTo(JsonNode filter, Destination side, String namespace) {
        return TYPE.equals(filter.path("type").asText()) && side != null
                && HttpRouteRules.sendsTo(filter.path("requestMirror").path("backendRef"), side, namespace);
    }

    /** The share of the rule's requests mirrored to {@code canary}; 0 when none. */
    static int percent(JsonNode rule, Destination canary, String namespace) {
        for (JsonNode f : rule.path("filters")) {
            if (isMirrorTo(f, canary, namespace)) {
                JsonNode mirror = f.path("requestMirror");
                if (mirror.has("percent")) {
                    return mirror.get("percent").asInt();
                }
                JsonNode fraction = mirror.path("fraction");
                if (fraction.has("numerator")) {
                    int denominator = fraction.path("denominator").asInt(100);
                    return denominator == 0 ? 0 : (int) Math.round(fraction.get("numerator").asDouble() * 100 / denominator);
                }
                return 100; // without a share the Gateway API mirrors every request
            }
        }
        return 0;
    }

    /**
     * Puts the engine's mirror (replacing its own earlier one).
     *
     * @param field how errors name the rule's filters
     */
    static void set(ObjectNode rule, Destination canary, int percent, ObjectRef ref, String field) {
        ArrayNode filters = rule.get("filters") instanceof ArrayNode f ? f : rule.putArray("filters");
        ObjectNode ours = null;
        for (JsonNode f : filters) {
            if (!TYPE.equals(f.path("type").asText())) {
                continue;
            }
            if (isMirrorTo(f, canary, ref.namespace())) {
                ours = (ObjectNode) f;
            } else {
                throw new InvalidReleaseException(ref, field,
                        "the managed rule already mirrors to " + HttpRouteRules.destination(f.path("requestMirror").path("backendRef"), ref.namespace())
                                + " (not the canary); Gray Release does not replace a mirror it did not create",
                        "Remove that RequestMirror filter from the managed rule first");
            }
        }
        ObjectNode stable = HttpRouteRules.firstService(rule);
        ObjectNode backend = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        // Spelled out as the API server stores it (group and kind filled in), so a repeat changes nothing.
        backend.put("group", "").put("kind", "Service");
        String[] host = canary.host().split("\\.");
        backend.put("name", host[0]);
        if (host.length > 1) {
            backend.put("namespace", host[1]);
        }
        if (stable != null && stable.has("port")) {
            backend.set("port", stable.get("port").deepCopy());
        }
        if (ours == null) {
            ours = filters.addObject();
        }
        ours.removeAll();
        ours.put("type", TYPE);
        ObjectNode mirror = ours.putObject("requestMirror");
        mirror.set("backendRef", backend);
        mirror.put("percent", percent);
    }

    /** Removes the engine's mirror only; the {@code filters} list goes when it is left empty by that. */
    static void remove(ObjectNode rule, Destination canary, String namespace) {
        if (!(rule.get("filters") instanceof ArrayNode filters) || canary == null) {
            return;
        }
        boolean removed = false;
        for (int i = filters.size() - 1; i >= 0; i--) {
            if (isMirrorTo(filters.get(i), canary, namespace)) {
                filters.remove(i);
                removed = true;
            }
        }
        if (removed && filters.isEmpty()) {
            rule.remove("filters");
        }
    }
}
