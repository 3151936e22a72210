package io.jenkins.plugins.grayrelease.core.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The readable diff of a VirtualService write, over the routes that change only: the unchanged
 * HTTP routes before and after the changed stretch (but one on each side, for context) are left
 * out of both texts, so a shift on a VirtualService with a thousand routes renders and diffs a
 * few routes, not the whole object. Hunk headers then say which routes are shown.
 */
public final class ChangedRoutesDiff {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ChangedRoutesDiff() {
    }

    /** @param rulesField the rules array under {@code spec}: {@code http} (VirtualService) or {@code rules} (HTTPRoute) */
    public static String of(String label, ObjectNode before, ObjectNode after, String rulesField) {
        if (!(before.path("spec").get(rulesField) instanceof ArrayNode b) || !(after.path("spec").get(rulesField) instanceof ArrayNode a)) {
            return UnifiedDiff.of(label, DiffYaml.of(before), DiffYaml.of(after));
        }
        int n = b.size();
        int m = a.size();
        CommonEnds ends = CommonEnds.of(b, a);
        int p = ends.prefix();
        int s = ends.suffix();
        int from = Math.max(0, p - 1);
        int keptTail = Math.max(0, s - 1);
        if (from == 0 && keptTail == 0) {
            return UnifiedDiff.of(label, DiffYaml.of(before), DiffYaml.of(after));
        }
        String section = "spec." + rulesField + "[" + from + ".." + (n - keptTail - 1) + "] of " + n + " routes (the others unchanged)";
        return UnifiedDiff.of(label, DiffYaml.of(excerpt(before, b, from, n - keptTail, rulesField)),
                DiffYaml.of(excerpt(after, a, from, m - keptTail, rulesField)), section);
    }

    /** The object with only routes {@code [from, to)}; shallow, the routes themselves are shared. */
    private static ObjectNode excerpt(ObjectNode object, ArrayNode routes, int from, int to, String rulesField) {
        ObjectNode copy = JSON.objectNode();
        copy.setAll(object);
        ObjectNode spec = JSON.objectNode();
        spec.setAll((ObjectNode) object.get("spec"));
        ArrayNode shown = spec.putArray(rulesField);
        for (int k = from; k < to; k++) {
            JsonNode route = routes.get(k);
            shown.add(route);
        }
        copy.set("spec", spec);
        return copy;
    }
}
