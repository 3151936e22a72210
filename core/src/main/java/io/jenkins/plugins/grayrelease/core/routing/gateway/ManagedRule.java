package io.jenkins.plugins.grayrelease.core.routing.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one HTTPRoute rule a release manages: the rule named so ({@code rules[].name}, Gateway API
 * 1.2 and later), or, with no name given, the single user rule that matches every request (no
 * {@code matches}, or only the path prefix {@code /}) and sends to the stable (or canary) Service.
 *
 * @param index the rule's position in {@code spec.rules}
 */
record ManagedRule(int index) {

    JsonNode in(JsonNode route) {
        return HttpRouteRules.rules(route).get(index);
    }

    String name(JsonNode route) {
        return HttpRouteRules.name(in(route));
    }

    String field(JsonNode route) {
        return HttpRouteRules.field(in(route), index);
    }

    /**
     * @param stable the stable side, or null when not known yet (then any catch-all rule counts)
     * @param canary the canary side, or null
     */
    static ManagedRule locate(JsonNode route, ObjectRef ref, String ruleName, Destination stable, Destination canary) {
        ArrayNode rules = HttpRouteRules.rules(route);
        if (rules == null || rules.isEmpty()) {
            throw new InvalidReleaseException(ref, "spec.rules", "has no rules",
                    "Add a rule whose backendRefs send traffic to the stable Service");
        }
        if (ruleName != null) {
            if (ruleName.startsWith(io.jenkins.plugins.grayrelease.core.routing.HttpRoutes.MANAGED_PREFIX)) {
                throw new InvalidReleaseException(ref, "spec.rules[].name", "'" + ruleName
                        + "' is a rule Gray Release creates itself (gray- prefix)", "Name the user rule it belongs to");
            }
            int at = HttpRouteRules.indexOf(rules, ruleName);
            if (at < 0) {
                throw new InvalidReleaseException(ref, "spec.rules[].name", "has no rule named '" + ruleName
                        + "' (rules: " + String.join(", ", HttpRouteRules.labels(rules)) + ")",
                        "Give the rule this name (rules[].name, Gateway API 1.2 or later), or name an existing rule");
            }
            return new ManagedRule(at);
        }
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            if (HttpRouteRules.isEngineRule(rule) || !HttpRouteRules.matchesEverything(rule)) {
                continue;
            }
            if (stable == null || sendsToEither(rule, stable, canary, ref.namespace())) {
                candidates.add(i);
            }
        }
        if (candidates.size() == 1) {
            return new ManagedRule(candidates.get(0));
        }
        String to = stable == null ? "" : " sending to the stable Service " + stable;
        if (candidates.isEmpty()) {
            throw new InvalidReleaseException(ref, "spec.rules", "no rule without matches" + to + " (rules: "
                    + String.join(", ", HttpRouteRules.labels(rules)) + ")",
                    "Name the managed rule (route: NAME, for rules[].name), or check the stable Service");
        }
        List<String> found = new ArrayList<>();
        candidates.forEach(i -> found.add(HttpRouteRules.label(rules.get(i), i)));
        throw new InvalidReleaseException(ref, "spec.rules", "several rules without matches" + to + ": " + String.join(", ", found),
                "Name the managed rule (route: NAME, for rules[].name)");
    }

    private static boolean sendsToEither(JsonNode rule, Destination stable, Destination canary, String namespace) {
        ArrayNode refs = HttpRouteRules.backendRefs(rule);
        if (refs == null) {
            return false;
        }
        for (JsonNode r : refs) {
            if (HttpRouteRules.sendsTo(r, stable, namespace) || HttpRouteRules.sendsTo(r, canary, namespace)) {
                return true;
            }
        }
        return false;
    }
}
