package io.jenkins.plugins.grayrelease.cli.demo;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Routes simulated requests the way Istio reads a VirtualService: the {@code http} routes in
 * order, the first whose {@code match} accepts the request wins (a route without {@code match}
 * accepts all), then one destination is drawn by weight. Only header conditions are simulated;
 * a match entry with any other condition (uri, method, ...) is treated as not matching, because
 * the simulated requests carry nothing else. A seeded random source makes runs repeatable.
 */
public final class TrafficSimulator {

    /** Counted for requests no route accepts, as Envoy answers them with 404. */
    public static final String NO_ROUTE = "(no route)";

    private final long seed;

    public TrafficSimulator(long seed) {
        this.seed = seed;
    }

    public SimulatedSplit route(VirtualService virtualService, List<SimulatedRequest> requests) {
        List<HTTPRoute> routes = virtualService.getSpec() == null || virtualService.getSpec().getHttp() == null
                ? List.of() : virtualService.getSpec().getHttp();
        Random random = new Random(seed);
        Map<String, Integer> versions = new LinkedHashMap<>();
        Map<Integer, Map<String, Integer>> perRoute = new LinkedHashMap<>();
        for (SimulatedRequest request : requests) {
            int index = firstAccepting(routes, request);
            String version = index < 0 ? NO_ROUTE : pick(routes.get(index).getRoute(), random);
            versions.merge(version, 1, Integer::sum);
            perRoute.computeIfAbsent(index, i -> new LinkedHashMap<>()).merge(version, 1, Integer::sum);
        }
        List<SimulatedSplit.RouteCount> counts = new ArrayList<>();
        perRoute.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            int index = e.getKey();
            HTTPRoute route = index < 0 ? null : routes.get(index);
            String name = route == null ? NO_ROUTE : route.getName() != null ? route.getName() : "http[" + index + "]";
            boolean header = route != null && route.getMatch() != null && !route.getMatch().isEmpty();
            int total = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            counts.add(new SimulatedSplit.RouteCount(name, index, header, total, e.getValue()));
        });
        return new SimulatedSplit(requests.size(), versions, counts);
    }

    private static int firstAccepting(List<HTTPRoute> routes, SimulatedRequest request) {
        for (int i = 0; i < routes.size(); i++) {
            List<HTTPMatchRequest> matches = routes.get(i).getMatch();
            if (matches == null || matches.isEmpty() || matches.stream().anyMatch(m -> accepts(m, request))) {
                return i;
            }
        }
        return -1;
    }

    /** All conditions of one match entry must hold (entries of one route are alternatives). */
    static boolean accepts(HTTPMatchRequest match, SimulatedRequest request) {
        if (match.getUri() != null || match.getMethod() != null || match.getAuthority() != null || match.getScheme() != null
                || (match.getQueryParams() != null && !match.getQueryParams().isEmpty())
                || (match.getSourceLabels() != null && !match.getSourceLabels().isEmpty())
                || match.getPort() != null || match.getSourceNamespace() != null) {
            return false;
        }
        if (match.getHeaders() != null) {
            for (Map.Entry<String, StringMatch> h : match.getHeaders().entrySet()) {
                if (!matches(h.getValue(), request.headers().get(h.getKey().toLowerCase()))) {
                    return false;
                }
            }
        }
        if (match.getWithoutHeaders() != null) {
            for (Map.Entry<String, StringMatch> h : match.getWithoutHeaders().entrySet()) {
                if (matches(h.getValue(), request.headers().get(h.getKey().toLowerCase()))) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean matches(StringMatch condition, String value) {
        if (value == null) {
            return false;
        }
        if (condition == null || condition.getMatchType() == null) {
            return true; // an empty condition asks only that the header is present
        }
        Object type = condition.getMatchType();
        if (type instanceof StringMatchExact exact) {
            return value.equals(exact.getExact());
        }
        if (type instanceof StringMatchPrefix prefix) {
            return value.startsWith(prefix.getPrefix());
        }
        if (type instanceof StringMatchRegex regex) {
            // Envoy matches RE2 against the whole value; Java's syntax agrees for common patterns.
            return Pattern.compile(regex.getRegex()).matcher(value).matches();
        }
        return false;
    }

    /** The version that serves the request: drawn by weight; a missing weight counts 100 for a lone destination. */
    private static String pick(List<HTTPRouteDestination> destinations, Random random) {
        if (destinations == null || destinations.isEmpty()) {
            return NO_ROUTE;
        }
        if (destinations.size() == 1) {
            return version(destinations.get(0));
        }
        int total = destinations.stream().mapToInt(d -> d.getWeight() == null ? 0 : d.getWeight()).sum();
        if (total <= 0) {
            return version(destinations.get(0));
        }
        int ticket = random.nextInt(total);
        for (HTTPRouteDestination d : destinations) {
            ticket -= d.getWeight() == null ? 0 : d.getWeight();
            if (ticket < 0) {
                return version(d);
            }
        }
        return version(destinations.get(destinations.size() - 1));
    }

    private static String version(HTTPRouteDestination d) {
        if (d.getDestination() == null) {
            return NO_ROUTE;
        }
        String subset = d.getDestination().getSubset();
        return subset != null && !subset.isBlank() ? subset : d.getDestination().getHost();
    }
}
