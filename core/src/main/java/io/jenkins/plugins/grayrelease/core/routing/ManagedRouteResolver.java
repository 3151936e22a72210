package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the one route a release manages: by name when given (in {@code http[]}, {@code tcp[]}
 * or {@code tls[]}), otherwise the single user HTTP route without {@code match} that sends
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

    private static Managed byName(JsonNode virtualService, ObjectRef vsRef, String routeName, boolean hasOther) {
        List<Managed> found = new ArrayList<>();
        for (String kind : HttpRoutes.KINDS) {
            ArrayNode routes = HttpRoutes.routes(virtualService, kind);
            int index = routes == null ? -1 : HttpRoutes.indexOf(routes, routeName);
            if (index >= 0) {
                found.add(new Managed(kind, index));
            }
        }
        if (found.isEmpty()) {
            String all = String.join(", ", allLabels(virtualService));
            throw new InvalidReleaseException(vsRef, "spec.http[].name",
                    (hasOther ? "no HTTP, TCP or TLS route is named '" : "no HTTP route is named '") + routeName + "'; routes: " + all,
                    "Give the name of an existing route");
        }
        if (found.size() > 1) {
            throw new InvalidReleaseException(vsRef, "spec." + found.get(0).kind() + "[].name",
                    "route name '" + routeName + "' is used in " + found.stream().map(m -> "spec." + m.kind()).toList(),
                    "Rename one of the routes so that the name designates one route");
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
            candidates.forEach(m -> names.add(HttpRoutes.label(m.in(virtualService), m.index())));
            throw new InvalidReleaseException(vsRef, field,
                    "the managed route is ambiguous: " + candidates.size() + " routes " + (onlyKind != null ? "without 'match' " : "")
                            + "send traffic to " + target + ": " + String.join(", ", names),
                    "Name the managed route (route: NAME)");
        }
        return candidates.get(0);
    }

    private static List<String> allLabels(JsonNode virtualService) {
        List<String> labels = new ArrayList<>();
        for (String kind : HttpRoutes.KINDS) {
            ArrayNode routes = HttpRoutes.routes(virtualService, kind);
            if (routes != null) {
                for (int i = 0; i < routes.size(); i++) {
                    String label = HttpRoutes.label(routes.get(i), i);
                    labels.add(kind.equals(HttpRoutes.HTTP) ? label : label.replace("http[", kind + "[") + " (" + kind + ")");
                }
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
