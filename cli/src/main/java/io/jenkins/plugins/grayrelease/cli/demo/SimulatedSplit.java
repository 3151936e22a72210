package io.jenkins.plugins.grayrelease.cli.demo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where simulated requests went: per version overall, and per route in the VirtualService's
 * order (so header routes can be told apart from the weighted split).
 *
 * @param requests how many requests were sent
 * @param versions requests served per version (subset, or host when there is no subset), sorted
 * @param routes   per route that received requests, in the VirtualService's order
 */
public record SimulatedSplit(int requests, Map<String, Integer> versions, List<RouteCount> routes) {

    public SimulatedSplit {
        versions = new TreeMap<>(versions);
        routes = List.copyOf(routes);
    }

    /** The share (0..1) of all requests served by {@code version}. */
    public double share(String version) {
        return requests == 0 ? 0 : versions.getOrDefault(version, 0) / (double) requests;
    }

    /** The counts of the route named {@code name}, or null when no request reached it. */
    public RouteCount route(String name) {
        return routes.stream().filter(r -> name.equals(r.name())).findFirst().orElse(null);
    }

    /**
     * Requests that one route received.
     *
     * @param name     the route's {@code name}, or {@code http[i]} when it has none
     * @param index    its position in {@code spec.http}
     * @param header   true when it has a {@code match} (it only takes some requests)
     * @param requests how many requests it received
     * @param versions how many of them each version served
     */
    public record RouteCount(String name, int index, boolean header, int requests, Map<String, Integer> versions) {

        public RouteCount {
            versions = new TreeMap<>(versions);
        }

        /** The share (0..1) of this route's requests served by {@code version}. */
        public double share(String version) {
            return requests == 0 ? 0 : versions.getOrDefault(version, 0) / (double) requests;
        }
    }
}
