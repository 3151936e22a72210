package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the one HTTP route a release manages: by name when given, otherwise the single user
 * route without {@code match} that sends traffic to the stable (or canary) destination.
 */
public final class ManagedRouteResolver {

    private ManagedRouteResolver() {
    }

    /**
     * @param stable the stable side, or null when not known yet (then any catch-all route counts)
     * @param canary the canary side, or null
     * @return the index of the managed route in {@code spec.http}
     */
    public static int resolve(JsonNode virtualService, ObjectRef vsRef, String routeName, Destination stable,
                              Destination canary) {
        ArrayNode http = HttpRoutes.http(virtualService);
        if (http == null || http.isEmpty()) {
            throw new InvalidReleaseException(vsRef, "spec.http", "has no HTTP routes",
                    "Add an HTTP route sending traffic to the stable destination");
        }
        if (routeName != null) {
            int index = HttpRoutes.indexOf(http, routeName);
            if (index < 0) {
                throw new InvalidReleaseException(vsRef, "spec.http[].name",
                        "no HTTP route is named '" + routeName + "'; routes: " + String.join(", ", HttpRoutes.labels(http)),
                        "Give the name of an existing route");
            }
            if (HttpRoutes.isEngineRoute(http.get(index))) {
                throw new InvalidReleaseException(vsRef, "spec.http[].name",
                        "route '" + routeName + "' is created by Gray Release and cannot be the managed route",
                        "Name a route of your own");
            }
            return index;
        }
        String namespace = vsRef.namespace();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < http.size(); i++) {
            JsonNode route = http.get(i);
            if (HttpRoutes.isEngineRoute(route) || HttpRoutes.hasMatch(route)) {
                continue;
            }
            if (stable == null || sendsTo(route, stable, namespace) || sendsTo(route, canary, namespace)) {
                candidates.add(i);
            }
        }
        String target = stable == null ? "any destination" : "the stable destination " + stable;
        if (candidates.isEmpty()) {
            throw new InvalidReleaseException(vsRef, "spec.http",
                    "no route without 'match' sends traffic to " + target + "; routes: "
                            + String.join(", ", HttpRoutes.labels(http)),
                    "Name the managed route (route: NAME), or check the stable destination");
        }
        if (candidates.size() > 1) {
            List<String> names = new ArrayList<>();
            candidates.forEach(i -> names.add(HttpRoutes.label(http.get(i), i)));
            throw new InvalidReleaseException(vsRef, "spec.http",
                    "the managed route is ambiguous: " + candidates.size() + " routes without 'match' send traffic to "
                            + target + ": " + String.join(", ", names),
                    "Name the managed route (route: NAME)");
        }
        return candidates.get(0);
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
