package io.jenkins.plugins.grayrelease.core.routing.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.routing.HttpRoutes;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading helpers over an HTTPRoute's {@code spec.rules} as a generic JSON tree, so that fields
 * this project does not model (and future Gateway API fields) pass through untouched.
 */
final class HttpRouteRules {

    /** What the API server fills in for a match without a path: every request. */
    static final String DEFAULT_PATH_TYPE = "PathPrefix";
    static final String DEFAULT_PATH = "/";

    private HttpRouteRules() {
    }

    /** {@code spec.rules}, or null when absent. */
    static ArrayNode rules(JsonNode route) {
        JsonNode rules = route.path("spec").path("rules");
        return rules.isArray() ? (ArrayNode) rules : null;
    }

    static String name(JsonNode rule) {
        JsonNode name = rule.get("name");
        return name == null || name.isNull() ? null : name.asText();
    }

    /** How messages call a rule: {@code spec.rules[2]} (with its name when it has one). */
    static String field(JsonNode rule, int index) {
        String name = name(rule);
        return "spec.rules[" + index + "]" + (name == null ? "" : " (" + name + ")");
    }

    static String label(JsonNode rule, int index) {
        String name = name(rule);
        return name != null ? name : "(unnamed, rules[" + index + "])";
    }

    static List<String> labels(ArrayNode rules) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            labels.add(label(rules.get(i), i));
        }
        return labels;
    }

    /** Whether the engine created this rule (its name has the {@code gray-} prefix). */
    static boolean isEngineRule(JsonNode rule) {
        String name = name(rule);
        return name != null && name.startsWith(HttpRoutes.MANAGED_PREFIX);
    }

    /** The engine's tester rule name for a managed rule: the same as Istio's tester route name. */
    static String testerRuleName(String managedRuleName) {
        return HttpRoutes.testerRouteName(managedRuleName);
    }

    /**
     * Whether the rule matches every request: no {@code matches}, or only the match the API server
     * fills in for none (path prefix {@code /}).
     */
    static boolean matchesEverything(JsonNode rule) {
        JsonNode matches = rule.get("matches");
        if (matches == null || matches.isNull() || matches.isEmpty()) {
            return true;
        }
        if (matches.size() != 1) {
            return false;
        }
        JsonNode only = matches.get(0);
        for (var field : only.properties()) {
            if (!field.getKey().equals("path")) {
                return false;
            }
        }
        JsonNode path = only.path("path");
        return path.isMissingNode() || (DEFAULT_PATH_TYPE.equals(path.path("type").asText(DEFAULT_PATH_TYPE))
                && DEFAULT_PATH.equals(path.path("value").asText(DEFAULT_PATH)));
    }

    /** {@code backendRefs}, or null when the rule has none (a redirect). */
    static ArrayNode backendRefs(JsonNode rule) {
        JsonNode refs = rule.get("backendRefs");
        return refs != null && refs.isArray() ? (ArrayNode) refs : null;
    }

    /** Whether the backendRef is a core Service (the only backend kind the engine splits between). */
    static boolean isService(JsonNode ref) {
        return ref.path("group").asText("").isEmpty() && "Service".equals(ref.path("kind").asText("Service"));
    }

    /**
     * Whether {@code ref} sends to {@code side}: a Service of that name, in the route's namespace
     * unless the host spells another ({@code name.namespace[.svc…]}).
     */
    static boolean sendsTo(JsonNode ref, Destination side, String routeNamespace) {
        if (side == null || !isService(ref)) {
            return false;
        }
        String[] host = side.host().split("\\.");
        String namespace = host.length > 1 ? host[1] : routeNamespace;
        String refNamespace = ref.path("namespace").asText(routeNamespace);
        return host[0].equals(ref.path("name").asText()) && java.util.Objects.equals(namespace, refNamespace);
    }

    /** The backendRef's weight: the Gateway API default is 1. */
    static int weight(JsonNode ref) {
        JsonNode w = ref.get("weight");
        return w == null || w.isNull() ? 1 : w.asInt();
    }

    /** The backend a backendRef names, as a destination (for messages and drift). */
    static Destination destination(JsonNode ref, String routeNamespace) {
        String name = ref.path("name").asText();
        String namespace = ref.path("namespace").asText(routeNamespace);
        String kind = ref.path("kind").asText("Service");
        String prefix = isService(ref) ? "" : kind + ":";
        return Destination.host(prefix + (namespace.equals(routeNamespace) ? name : name + "." + namespace));
    }

    /** Index of the rule with that exact name, or -1. */
    static int indexOf(ArrayNode rules, String name) {
        for (int i = 0; i < rules.size(); i++) {
            if (name.equals(name(rules.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    /** Index of that very node (not an equal one), or -1. */
    static int indexOfIdentity(ArrayNode rules, JsonNode rule) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) == rule) {
                return i;
            }
        }
        return -1;
    }

    /** The first Service backendRef of the rule, or null. */
    static ObjectNode firstService(JsonNode rule) {
        ArrayNode refs = backendRefs(rule);
        if (refs != null) {
            for (JsonNode ref : refs) {
                if (isService(ref)) {
                    return (ObjectNode) ref;
                }
            }
        }
        return null;
    }
}
