package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/** Builds the engine's tester route and reads its matches back. */
public final class TesterRoutes {

    /** Route fields that decide where traffic goes: never copied from the managed route. */
    private static final Set<String> ROUTING_FIELDS = Set.of("name", "match", "route", "mirror", "mirrors",
            "mirrorPercentage", "mirrorPercent", "redirect", "directResponse", "delegate");

    /** Istio matches cookies through the {@code cookie} header; one alternative per cookie pair. */
    private static final Pattern COOKIE_REGEX = Pattern.compile("\\^\\(\\.\\*\\?;\\\\s\\*\\)\\?\\((.+?)=(.*)\\)\\(;\\.\\*\\)\\?\\$");

    private TesterRoutes() {
    }

    /**
     * A route sending every match 100 % to the canary. It inherits the managed route's
     * non-routing settings (timeouts, retries, header rewrites) so testers see the same behaviour.
     */
    public static ObjectNode build(String name, TesterRoute testers, Destination canary, JsonNode managedRoute, String namespace) {
        ObjectNode route = JsonNodeFactory.instance.objectNode();
        route.put("name", name);
        ArrayNode match = route.putArray("match");
        for (TesterMatch m : testers.matches()) {
            match.addObject().putObject("headers").set(headerName(m), condition(m));
        }
        JsonNode sibling = null;
        ArrayNode managedDests = HttpRoutes.destinations(managedRoute);
        if (managedDests != null && !managedDests.isEmpty()) {
            sibling = managedDests.get(0).get("destination");
        }
        ObjectNode entry = route.putArray("route").addObject();
        entry.set("destination", HttpRoutes.destinationNode(canary, sibling, namespace));
        entry.put("weight", 100);
        managedRoute.properties().forEach(f -> {
            if (!ROUTING_FIELDS.contains(f.getKey())) {
                route.set(f.getKey(), f.getValue().deepCopy());
            }
        });
        return route;
    }

    private static String headerName(TesterMatch m) {
        // Header names are case-insensitive and Istio's validation requires lower case.
        return m.kind() == TesterMatch.Kind.COOKIE ? "cookie" : m.name().toLowerCase(Locale.ROOT);
    }

    private static ObjectNode condition(TesterMatch m) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        switch (m.kind()) {
            case HEADER_EXACT -> c.put("exact", m.value());
            case HEADER_PREFIX -> c.put("prefix", m.value());
            case HEADER_REGEX -> c.put("regex", m.value());
            case COOKIE -> c.put("regex", "^(.*?;\\s*)?(" + Re2Check.quote(m.name()) + "=" + Re2Check.quote(m.value()) + ")(;.*)?$");
        }
        return c;
    }

    /** The matches of an engine tester route, as the caller gave them. */
    public static List<TesterMatch> read(JsonNode route) {
        List<TesterMatch> matches = new ArrayList<>();
        if (route == null) {
            return matches;
        }
        for (JsonNode alternative : route.path("match")) {
            alternative.path("headers").properties().forEach(h -> {
                JsonNode c = h.getValue();
                if (c.has("exact")) {
                    matches.add(TesterMatch.header(h.getKey(), c.get("exact").asText()));
                } else if (c.has("prefix")) {
                    matches.add(TesterMatch.headerPrefix(h.getKey(), c.get("prefix").asText()));
                } else if (c.has("regex")) {
                    Matcher cookie = COOKIE_REGEX.matcher(c.get("regex").asText());
                    if (h.getKey().equals("cookie") && cookie.matches()) {
                        matches.add(TesterMatch.cookie(unquote(cookie.group(1)), unquote(cookie.group(2))));
                    } else {
                        matches.add(TesterMatch.headerRegex(h.getKey(), c.get("regex").asText()));
                    }
                }
            });
        }
        return matches;
    }

    private static String unquote(String quoted) {
        return quoted.replaceAll("\\\\(.)", "$1");
    }
}
