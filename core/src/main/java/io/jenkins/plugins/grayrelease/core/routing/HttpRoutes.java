package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reading helpers over a VirtualService's {@code spec.http} as a generic JSON tree, so that
 * Istio fields this project does not model pass through untouched.
 */
public final class HttpRoutes {

    /** Prefix of every route the engine creates; routes without it belong to the user. */
    public static final String MANAGED_PREFIX = "gray-";

    private HttpRoutes() {
    }

    public static final String HTTP = "http";
    public static final String TCP = "tcp";
    public static final String TLS = "tls";
    /** The route lists a VirtualService may hold, in the order a route name is looked up. */
    public static final java.util.List<String> KINDS = java.util.List.of(HTTP, TCP, TLS);

    /** {@code spec.http}, or null when the VirtualService has no HTTP routes. */
    public static ArrayNode http(JsonNode virtualService) {
        return routes(virtualService, HTTP);
    }

    /** {@code spec.<kind>} ({@code http}, {@code tcp}, {@code tls}), or null when absent. */
    public static ArrayNode routes(JsonNode virtualService, String kind) {
        JsonNode routes = virtualService.path("spec").path(kind);
        return routes.isArray() ? (ArrayNode) routes : null;
    }

    static boolean isEmpty(JsonNode virtualService, String kind) {
        ArrayNode routes = routes(virtualService, kind);
        return routes == null || routes.isEmpty();
    }

    public static String name(JsonNode route) {
        JsonNode name = route.get("name");
        return name == null || name.isNull() ? null : name.asText();
    }

    /** How messages call a route: its name, or its position when it has none. */
    public static String label(JsonNode route, int index) {
        String name = name(route);
        return name != null ? name : "(unnamed, http[" + index + "])";
    }

    public static List<String> labels(ArrayNode http) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < http.size(); i++) {
            labels.add(label(http.get(i), i));
        }
        return labels;
    }

    public static boolean hasMatch(JsonNode route) {
        JsonNode match = route.get("match");
        return match != null && match.isArray() && !match.isEmpty();
    }

    public static boolean isEngineRoute(JsonNode route) {
        String name = name(route);
        return name != null && name.startsWith(MANAGED_PREFIX);
    }

    /** The engine's tester route name for a managed route. */
    public static String testerRouteName(String managedRouteName) {
        return MANAGED_PREFIX + (managedRouteName == null ? "" : managedRouteName + "-") + "testers";
    }

    /** Index of the route with that exact name, or -1. */
    public static int indexOf(ArrayNode http, String name) {
        for (int i = 0; i < http.size(); i++) {
            if (name.equals(name(http.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    /** Index of this very object in {@code http} (identity, not equality), or -1. */
    public static int indexOfIdentity(ArrayNode http, JsonNode route) {
        for (int i = 0; i < http.size(); i++) {
            if (http.get(i) == route) {
                return i;
            }
        }
        return -1;
    }

    /** The {@code route} list (weighted destinations) of an HTTP route, or null. */
    public static ArrayNode destinations(JsonNode route) {
        JsonNode dests = route.get("route");
        return dests != null && dests.isArray() ? (ArrayNode) dests : null;
    }

    /** Whether a {@code destination} object (host, subset) is {@code side}. */
    public static boolean sameDestination(JsonNode destination, Destination side, String namespace) {
        if (destination == null || side == null) {
            return false;
        }
        String subset = destination.path("subset").asText(null);
        if (subset != null && subset.isBlank()) {
            subset = null;
        }
        return sameHost(destination.path("host").asText(""), side.host(), namespace) && Objects.equals(subset, side.subset());
    }

    /** Whether a weighted destination entry of {@code route} sends to {@code side}. */
    public static boolean entrySendsTo(JsonNode entry, Destination side, String namespace) {
        return sameDestination(entry.get("destination"), side, namespace);
    }

    /** Istio accepts short names and FQDNs for the same service; compare them as one. */
    static boolean sameHost(String a, String b, String namespace) {
        return shortHost(a, namespace).equals(shortHost(b, namespace));
    }

    private static String shortHost(String host, String namespace) {
        String h = host;
        for (String suffix : new String[] {".svc.cluster.local", ".svc"}) {
            if (h.endsWith(suffix)) {
                h = h.substring(0, h.length() - suffix.length());
            }
        }
        if (namespace != null && h.endsWith("." + namespace)) {
            h = h.substring(0, h.length() - namespace.length() - 1);
        }
        return h;
    }

    /** The weight an entry carries; a lone entry without a weight takes all traffic. */
    public static int weightOf(JsonNode entry, int entries) {
        JsonNode weight = entry.get("weight");
        if (weight == null || weight.isNull()) {
            return entries == 1 ? 100 : 0;
        }
        return weight.asInt();
    }

    /**
     * A new {@code destination} object for a side, its host spelled like the sibling's (see
     * {@link HostNames#spelledLike}) and the sibling's port copied when it has one.
     *
     * @param namespace the VirtualService's namespace, which short hosts are read in
     */
    public static ObjectNode destinationNode(Destination side, JsonNode sibling, String namespace) {
        ObjectNode dest = JsonNodeFactory.instance.objectNode();
        dest.put("host", sibling == null ? side.host() : HostNames.spelledLike(side.host(), sibling.path("host").asText(null), namespace));
        if (side.hasSubset()) {
            dest.put("subset", side.subset());
        }
        JsonNode port = sibling == null ? null : sibling.get("port");
        if (port != null) {
            dest.set("port", port.deepCopy());
        }
        return dest;
    }
}
