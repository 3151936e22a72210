package io.jenkins.plugins.grayrelease.core.routing.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.routing.Re2Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * Builds the engine's tester rule and reads its matches back. Each tester match is one
 * {@code matches} entry per match of the managed rule, with the managed rule's own conditions
 * (path, method, headers, query) plus the tester header: it matches a subset of the managed rule's
 * requests, and having more header conditions it wins over it in the Gateway API's precedence
 * (which, unlike Istio, does not go by order alone). Everything the API server would fill in is
 * spelled out, so a stored tester rule equals the planned one and repeating a step changes nothing.
 */
final class TesterRules {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Istio's cookie match, through the {@code cookie} header; one alternative per cookie pair. */
    private static final Pattern COOKIE_REGEX = Pattern.compile("\\^\\(\\.\\*\\?;\\\\s\\*\\)\\?\\((.+?)=(.*)\\)\\(;\\.\\*\\)\\?\\$");
    private static final Pattern PREFIX_REGEX = Pattern.compile("\\^(.*)\\.\\*");

    private TesterRules() {
    }

    static ObjectNode build(String name, TesterRoute testers, Destination canary, JsonNode managed, String namespace) {
        ObjectNode rule = JSON.objectNode();
        rule.put("name", name);
        ArrayNode matches = rule.putArray("matches");
        List<JsonNode> base = new ArrayList<>();
        JsonNode own = managed.get("matches");
        if (own != null && own.isArray() && !own.isEmpty()) {
            own.forEach(base::add);
        } else {
            base.add(JSON.objectNode());
        }
        for (TesterMatch m : testers.matches()) {
            for (JsonNode b : base) {
                ObjectNode match = ((ObjectNode) b).deepCopy();
                if (!match.has("path")) {
                    match.putObject("path").put("type", HttpRouteRules.DEFAULT_PATH_TYPE).put("value", HttpRouteRules.DEFAULT_PATH);
                }
                ArrayNode headers = match.get("headers") instanceof ArrayNode h ? h : match.putArray("headers");
                headers.add(header(m));
                matches.add(match);
            }
        }
        JsonNode filters = managed.get("filters");
        if (filters != null && filters.isArray()) {
            ArrayNode kept = JSON.arrayNode();
            for (JsonNode f : filters) {
                // Testers' requests need no copy on the canary: they are served by it.
                if (!MirrorFilters.isMirrorTo(f, canary, namespace)) {
                    kept.add(f.deepCopy());
                }
            }
            if (!kept.isEmpty()) {
                rule.set("filters", kept);
            }
        }
        ObjectNode sibling = HttpRouteRules.firstService(managed);
        ObjectNode backend = sibling != null ? sibling.deepCopy() : JSON.objectNode();
        if (sibling == null) {
            backend.put("group", "").put("kind", "Service");
        }
        String[] host = canary.host().split("\\.");
        backend.put("name", host[0]);
        if (host.length > 1) {
            backend.put("namespace", host[1]);
        }
        backend.put("weight", 100);
        rule.putArray("backendRefs").add(backend);
        managed.properties().forEach(f -> {
            // Timeouts and any newer rule setting: testers see the managed rule's behaviour.
            if (!List.of("name", "matches", "filters", "backendRefs").contains(f.getKey())) {
                rule.set(f.getKey(), f.getValue().deepCopy());
            }
        });
        return rule;
    }

    private static ObjectNode header(TesterMatch m) {
        ObjectNode h = JSON.objectNode();
        switch (m.kind()) {
            case HEADER_EXACT -> h.put("name", lower(m.name())).put("type", "Exact").put("value", m.value());
            case HEADER_PREFIX -> h.put("name", lower(m.name())).put("type", "RegularExpression").put("value", "^" + Re2Check.quote(m.value()) + ".*");
            case HEADER_REGEX -> h.put("name", lower(m.name())).put("type", "RegularExpression").put("value", m.value());
            case COOKIE -> h.put("name", "cookie").put("type", "RegularExpression")
                    .put("value", "^(.*?;\\s*)?(" + Re2Check.quote(m.name()) + "=" + Re2Check.quote(m.value()) + ")(;.*)?$");
        }
        return h;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The matches of an engine tester rule, as the caller gave them (each once). */
    static List<TesterMatch> read(JsonNode rule) {
        List<TesterMatch> found = new ArrayList<>();
        if (rule == null) {
            return found;
        }
        for (JsonNode match : rule.path("matches")) {
            JsonNode headers = match.path("headers");
            if (headers.isEmpty()) {
                continue;
            }
            TesterMatch m = decode(headers.get(headers.size() - 1));
            if (m != null && !found.contains(m)) {
                found.add(m);
            }
        }
        return found;
    }

    private static TesterMatch decode(JsonNode h) {
        String name = h.path("name").asText();
        String value = h.path("value").asText();
        if (!"RegularExpression".equals(h.path("type").asText("Exact"))) {
            return TesterMatch.header(name, value);
        }
        Matcher cookie = COOKIE_REGEX.matcher(value);
        if (name.equalsIgnoreCase("cookie") && cookie.matches()) {
            return TesterMatch.cookie(unquote(cookie.group(1)), unquote(cookie.group(2)));
        }
        Matcher prefix = PREFIX_REGEX.matcher(value);
        if (prefix.matches() && Re2Check.quote(unquote(prefix.group(1))).equals(prefix.group(1))) {
            return TesterMatch.headerPrefix(name, unquote(prefix.group(1)));
        }
        return TesterMatch.headerRegex(name, value);
    }

    private static String unquote(String quoted) {
        return quoted.replaceAll("\\\\(.)", "$1");
    }
}
