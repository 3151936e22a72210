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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The VirtualService's HTTP routes as the demo shows them: name, what they match, where they send traffic. */
final class RoutesView {

    private RoutesView() {
    }

    static List<String> lines(VirtualService vs) {
        List<String> lines = new ArrayList<>();
        lines.add("  VirtualService " + vs.getMetadata().getNamespace() + "/" + vs.getMetadata().getName() + ", in order:");
        List<HTTPRoute> routes = vs.getSpec() == null || vs.getSpec().getHttp() == null ? List.of() : vs.getSpec().getHttp();
        List<String> names = new ArrayList<>();
        List<String> matches = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            names.add(routes.get(i).getName() == null ? "http[" + i + "]" : routes.get(i).getName());
            matches.add(match(routes.get(i).getMatch()));
        }
        int nameWidth = names.stream().mapToInt(String::length).max().orElse(0);
        int matchWidth = matches.stream().mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < routes.size(); i++) {
            lines.add(String.format("    %-" + nameWidth + "s  %-" + matchWidth + "s  → %s%s", names.get(i), matches.get(i),
                    destinations(routes.get(i).getRoute()), mirror(routes.get(i))));
        }
        return lines;
    }

    private static String match(List<HTTPMatchRequest> matches) {
        if (matches == null || matches.isEmpty()) {
            return "(all other requests)";
        }
        return matches.stream().map(RoutesView::match).collect(Collectors.joining(" or "));
    }

    private static String match(HTTPMatchRequest m) {
        if (m.getHeaders() == null || m.getHeaders().isEmpty()) {
            return "(other conditions)";
        }
        return m.getHeaders().entrySet().stream().map(RoutesView::header).collect(Collectors.joining(", "));
    }

    private static String header(Map.Entry<String, StringMatch> h) {
        Object type = h.getValue() == null ? null : h.getValue().getMatchType();
        if (type instanceof StringMatchExact e) {
            return h.getKey() + ": " + e.getExact();
        }
        if (type instanceof StringMatchPrefix p) {
            return h.getKey() + ": " + p.getPrefix() + "*";
        }
        if (type instanceof StringMatchRegex r) {
            return h.getKey() + " ~ " + r.getRegex();
        }
        return h.getKey() + " present";
    }

    private static String destinations(List<HTTPRouteDestination> destinations) {
        if (destinations == null || destinations.isEmpty()) {
            return "(no destination)";
        }
        if (destinations.size() == 1) {
            return label(destinations.get(0)) + (destinations.get(0).getWeight() == null ? "" : " " + destinations.get(0).getWeight() + " %");
        }
        return destinations.stream().map(d -> label(d) + " " + (d.getWeight() == null ? 0 : d.getWeight()) + " %")
                .collect(Collectors.joining(", "));
    }

    private static String mirror(HTTPRoute route) {
        if (route.getMirror() == null) {
            return "";
        }
        String share = route.getMirrorPercentage() != null && route.getMirrorPercentage().getValue() != null
                ? String.format("%.0f %% ", route.getMirrorPercentage().getValue()) : "";
        return " (mirrors " + share + "to " + route.getMirror().getSubset() + ")";
    }

    private static String label(HTTPRouteDestination d) {
        if (d.getDestination() == null) {
            return "?";
        }
        return d.getDestination().getSubset() != null ? d.getDestination().getSubset() : d.getDestination().getHost();
    }
}
