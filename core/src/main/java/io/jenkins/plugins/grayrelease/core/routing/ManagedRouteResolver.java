package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the one route a release manages: by name when given ({@code http[].name}; TCP and TLS
 * routes have no name in Istio's schema, so they are named by kind and port, {@code tcp:5432},
 * {@code tls:443}, as Argo Rollouts names them), otherwise the single user HTTP route without {@code match} that sends
 * traffic to the stable (or canary) destination; a VirtualService without HTTP routes has its
 * single TCP or TLS route to the stable destination found the same way.
 */
public final class ManagedRouteResolver {

    /**
     * Where the managed route is.
     *
     * @param kind  {@code http}, {@code tcp} or {@code tls}: the list under {@code spec}
     * @param index its position in that list
     */
    public record Managed(String kind, int index) {

        public boolean isHttp() {
            return HttpRoutes.HTTP.equals(kind);
        }

        /** How the route is named: its {@code name} (HTTP), {@code tcp:PORT}/{@code tls:PORT}, or null. */
        public String designator(JsonNode virtualService) {
            JsonNode route = in(virtualService);
            if (isHttp()) {
                return HttpRoutes.name(route);
            }
            int port = route.path("match").path(0).path("port").asInt(0);
            return port > 0 ? kind + ":" + port : null;
        }

        /** The route as a JSON object of {@code virtualService}. */
        public JsonNode in(JsonNode virtualService) {
            return HttpRoutes.routes(virtualService, kind).get(index);
        }
    }

    private ManagedRouteResolver() {
    }

    /** The managed route's index in {@code spec.http}; an error when it is a TCP or TLS route. See {@link #locate}. */
    public static int resolve(JsonNode virtualService, ObjectRef vsRef, String routeName, Destination stable,
                              Destination canary) {
        return locate(virtualService, vsRef, routeName, stable, canary).index();
    }

    /**
     * @param stable the stable side, or null when not known yet (then any catch-all route counts)
     * @param canary the canary side, or null
     */
    public static Managed locate(JsonNode virtualService, ObjectRef vsRef, String routeName, Destination stable,
                                 Destination canary) {
        ArrayNode http = HttpRoutes.http(virtualService);
        boolean hasHttp = http != null && !http.isEmpty();
        boolean hasOther = !HttpRoutes.isEmpty(virtualService, HttpRoutes.TCP) || !HttpRoutes.isEmpty(virtualService, HttpRoutes.TLS);
        if (!hasHttp && !hasOther) {
            throw new InvalidReleaseException(vsRef, "spec.http", "has no HTTP routes",
                    "Add an HTTP route sending traffic to the stable destination");
        }
        if (routeName != null) {
            return byName(virtualService, vsRef, routeName, hasOther);
        }
        if (hasHttp) {
            return byDefaultRule(virtualService, vsRef, HttpRoutes.HTTP, stable, canary, true);
        }
        return byDefaultRule(virtualService, vsRef, null, stable, canary, false);
    }

    private static final java.util.regex.Pattern BY_PORT = java.util.regex.Pattern.compile("(tcp|tls):([0-9]{1,5})");

    private static Managed byName(JsonNode virtualService, ObjectRef vsRef, String routeName, boolean hasOther) {
        List<Managed> found = new ArrayList<>();
        java.util.regex.Matcher byPort = BY_PORT.matcher(routeName);
        if (byPort.matches()) {
            ArrayNode routes = HttpRoutes.routes(virtualService, byPort.group(1));
            for (int i = 0; routes != null && i < routes.size(); i++) {
                for (JsonNode match : routes.get(i).path("match")) {
                    if (match.path("port").asInt(-1) == Integer.parseInt(byPort.group(2))) {
                        found.add(new Managed(byPort.group(1), i));
                        break;
                    }
                }
            }
        } else {
            int index = http(virtualService) == null ? -1 : HttpRoutes.indexOf(http(virtualService), routeName);
            if (index >= 0) {
                found.add(new Managed(HttpRoutes.HTTP, index));
            }
        }
        if (found.isEmpty()) {
            String all = String.join(", ", allLabels(virtualService));
            throw new InvalidReleaseException(vsRef, byPort.matches() ? "spec." + byPort.group(1) + "[].match[].port" : "spec.http[].name",
                    (hasOther ? "no route is named '" : "no HTTP route is named '") + routeName + "'; routes: " + all,
                    hasOther ? "Give the name of an existing HTTP route, or tcp:PORT / tls:PORT for a TCP or TLS route"
                            : "Give the name of an existing route");
        }
        if (found.size() > 1) {
            throw new InvalidReleaseException(vsRef, "spec." + found.get(0).kind() + "[].match[].port",
                    found.size() + " " + found.get(0).kind().toUpperCase(java.util.Locale.ROOT) + " routes match port "
                            + byPort.group(2) + " (e.g. for different SNI hosts)",
                    "Give each route its own port, or move the release to a VirtualService of its own");
        }
        Managed managed = found.get(0);
        if (HttpRoutes.isEngineRoute(managed.in(virtualService))) {
            throw new InvalidReleaseException(vsRef, "spec." + managed.kind() + "[].name",
                    "route '" + routeName + "' is created by Gray Release and cannot be the managed route",
                    "Name a route of your own");
        }
        return managed;
    }

    /**
     * @param onlyKind   the list to search, or null for tcp and tls
     * @param catchAll   whether only routes without {@code match} count (HTTP: yes; TLS routes always match SNI)
     */
    private static Managed byDefaultRule(JsonNode virtualService, ObjectRef vsRef, String onlyKind, Destination stable,
                                         Destination canary, boolean catchAll) {
        String namespace = vsRef.namespace();
        List<Managed> candidates = new ArrayList<>();
        for (String kind : onlyKind != null ? List.of(onlyKind) : List.of(HttpRoutes.TCP, HttpRoutes.TLS)) {
            ArrayNode routes = HttpRoutes.routes(virtualService, kind);
            for (int i = 0; routes != null && i < routes.size(); i++) {
                JsonNode route = routes.get(i);
                if (HttpRoutes.isEngineRoute(route) || (catchAll && HttpRoutes.hasMatch(route))) {
                    continue;
                }
                if (stable == null || sendsTo(route, stable, namespace) || sendsTo(route, canary, namespace)) {
                    candidates.add(new Managed(kind, i));
                }
            }
        }
        String field = onlyKind != null ? "spec.http" : "spec.tcp/spec.tls";
        String what = onlyKind != null ? "no route without 'match'" : "no TCP or TLS route";
        String target = stable == null ? "any destination" : "the stable destination " + stable;
        if (candidates.isEmpty()) {
            throw new InvalidReleaseException(vsRef, field,
                    what + " sends traffic to " + target + "; routes: " + String.join(", ", allLabels(virtualService)),
                    "Name the managed route (route: NAME), or check the stable destination");
        }
        if (candidates.size() > 1) {
            List<String> names = new ArrayList<>();
            candidates.forEach(m -> names.add(label(virtualService, m)));
            throw new InvalidReleaseException(vsRef, field,
                    "the managed route is ambiguous: " + candidates.size() + " routes " + (onlyKind != null ? "without 'match' " : "")
                            + "send traffic to " + target + ": " + String.join(", ", names),
                    "Name the managed route (route: NAME)");
        }
        return candidates.get(0);
    }

    private static ArrayNode http(JsonNode virtualService) {
        return HttpRoutes.http(virtualService);
    }

    /** How messages call a route: its name or {@code tcp:PORT}, else its position. */
    static String label(JsonNode virtualService, Managed m) {
        String designator = m.designator(virtualService);
        return designator != null ? designator : "(unnamed, " + m.kind() + "[" + m.index() + "])";
    }

    private static List<String> allLabels(JsonNode virtualService) {
        List<String> labels = new ArrayList<>();
        for (String kind : HttpRoutes.KINDS) {
            ArrayNode routes = HttpRoutes.routes(virtualService, kind);
            for (int i = 0; routes != null && i < routes.size(); i++) {
                labels.add(label(virtualService, new Managed(kind, i)));
            }
        }
        return labels;
    }

    private static boolean sendsTo(JsonNode route, Destination side, String namespace) {
        ArrayNode dests = HttpRoutes.destinations(route);
        if (dests == null || side == null) {
            return false;
        }
        for (JsonNode entry : dests) {
            if (HttpRoutes.entrySendsTo(entry, side, namespace)) {
                return true;
            }
        }
        return false;
    }
}
