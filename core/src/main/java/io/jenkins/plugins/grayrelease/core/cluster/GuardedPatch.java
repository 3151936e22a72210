package io.jenkins.plugins.grayrelease.core.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.DiffFlags;
import io.fabric8.zjsonpatch.JsonDiff;
import io.jenkins.plugins.grayrelease.core.support.CommonEnds;
import java.util.EnumSet;

/**
 * A JSON Patch from what was read to what is wanted, led by guards: the API server applies a
 * JSON Patch atomically to the object it stores (inside its compare-and-swap update loop on
 * etcd), so a guard that does not hold makes the whole patch fail with 422 and nothing changes.
 *
 * <p>Two kinds of guard:
 * <p>The rules array is {@code spec.http} (a VirtualService, the default) or {@code spec.rules}
 * (an HTTPRoute): every method taking a {@code rulesField} works on either.
 *
 * <ul>
 *   <li>{@link #routeScoped route-scoped}: a {@code test} of every HTTP route the write changes
 *       (at its index, as read), of the managed route, and of every annotation it changes (with
 *       null for one it adds: the API server's JSON Patch passes that only when it is absent). A
 *       writer of another route or another route's annotation does not disturb it; a change to
 *       the same route, or a route inserted or removed before it (the indices move), does.</li>
 *   <li>{@link #guarded whole-object}: a write of the resourceVersion that was read, which the
 *       server compares with the stored one (409 on any other write in between). Used where the
 *       plan depends on the whole object.</li>
 * </ul>
 */
public final class GuardedPatch {

    private static final String HTTP = "http";
    private static final String ANNOTATIONS = "/metadata/annotations/";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private GuardedPatch() {
    }

    /** The difference only ({@code []} when equal), without the guard: what users see. */
    public static ArrayNode diff(JsonNode before, JsonNode after) {
        // Plain add/remove/replace only: move and copy operations are harder to read and to review.
        return (ArrayNode) JsonDiff.asJson(before, after,
                EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION));
    }

    /** {@code diff} preceded by the resourceVersion guard. */
    public static ArrayNode guarded(ObjectNode before, ArrayNode diff) {
        ArrayNode ops = JSON.arrayNode();
        ObjectNode guard = ops.addObject();
        guard.put("op", "replace");
        guard.put("path", "/metadata/resourceVersion");
        guard.put("value", before.path("metadata").path("resourceVersion").asText());
        ops.addAll(diff);
        return ops;
    }

    /**
     * The change from {@code before} to {@code after} as a minimal patch, computed over the changed
     * HTTP routes only (the unchanged routes before and after them are skipped, so the cost does
     * not grow with the number of routes), without guards.
     */
    public static ArrayNode routeDiff(ObjectNode before, ObjectNode after) {
        return routeDiff(before, after, HTTP);
    }

    /** {@link #routeDiff(ObjectNode, ObjectNode)} over the rules in {@code spec.<rulesField>}. */
    public static ArrayNode routeDiff(ObjectNode before, ObjectNode after, String rulesField) {
        Split split = Split.of(before, after, rulesField);
        if (split == null) {
            return diff(before, after);
        }
        ArrayNode ops = JSON.arrayNode();
        addRouteOps(split, ops);
        ops.addAll(split.rest);
        return ops;
    }

    /**
     * The write from {@code before} to {@code after} guarded by the routes and annotations it
     * depends on: {@code test} operations for the managed route at {@code managedIndex}, every
     * route in the changed stretch of {@code spec.http} (or, for a pure insertion, the route it
     * goes before), and the old value of every annotation it replaces, removes or adds (null);
     * then the change itself. Falls back to {@link #guarded} (whole object) when the change
     * touches anything else, or the managed route is not known ({@code managedIndex < 0}).
     * Empty ({@code []}) when nothing changes.
     */
    public static ArrayNode routeScoped(ObjectNode before, ObjectNode after, int managedIndex) {
        return routeScoped(before, after, managedIndex, HTTP);
    }

    /** {@link #routeScoped(ObjectNode, ObjectNode, int)} over the rules in {@code spec.<rulesField>}. */
    public static ArrayNode routeScoped(ObjectNode before, ObjectNode after, int managedIndex, String rulesField) {
        Split split = Split.of(before, after, rulesField);
        if (split == null || managedIndex < 0 || managedIndex >= split.before.size()) {
            ArrayNode d = split == null ? diff(before, after) : routeDiff(before, after, rulesField);
            return d.isEmpty() ? d : guarded(before, d);
        }
        ArrayNode tests = JSON.arrayNode();
        ArrayNode ops = JSON.arrayNode();
        for (JsonNode op : split.rest) {
            String path = op.path("path").asText();
            JsonNode old = before.at(path);
            boolean annotation = path.startsWith(ANNOTATIONS) && path.indexOf('/', ANNOTATIONS.length()) < 0;
            boolean newAnnotations = path.equals(ANNOTATIONS.substring(0, ANNOTATIONS.length() - 1)) && old.isMissingNode();
            if (!annotation && !newAnnotations) {
                return guarded(before, routeDiff(before, after, rulesField));
            }
            // A new annotation (or the first annotations map): "test" with null, which the API server's
            // JSON Patch (evanphx/json-patch) passes only when the member is absent.
            tests.add(test(path, old.isMissingNode() ? JSON.nullNode() : old));
        }
        addRouteOps(split, ops);
        ops.addAll(split.rest);
        if (ops.isEmpty()) {
            return ops;
        }
        int from = split.prefix;
        int to = split.before.size() - split.suffix;
        if (from == to && from < split.before.size()) {
            to = from + 1; // a pure insertion: the route it goes before must still be there
        }
        ArrayNode guard = JSON.arrayNode();
        String rules = "/spec/" + rulesField;
        if (managedIndex < from || managedIndex >= to) {
            guard.add(test(rules + "/" + managedIndex, split.before.get(managedIndex)));
        }
        for (int k = from; k < to; k++) {
            guard.add(test(rules + "/" + k, split.before.get(k)));
        }
        guard.addAll(tests);
        guard.addAll(ops);
        return guard;
    }

    /**
     * Whether the patch's {@code test} operations hold against {@code current} (the stored
     * object), as the API server evaluates them: a test with null holds when the member is absent.
     */
    public static boolean testsHold(ArrayNode patch, JsonNode current) {
        for (JsonNode op : patch) {
            if (!"test".equals(op.path("op").asText())) {
                continue;
            }
            JsonNode found = current.at(op.path("path").asText());
            JsonNode wanted = op.get("value");
            boolean holds = wanted.isNull() ? found.isMissingNode() || found.isNull() : found.equals(wanted);
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** The patch without its {@code test} operations (for servers that are told the tests' outcome otherwise: a sandbox). */
    public static ArrayNode withoutTests(ArrayNode patch) {
        ArrayNode ops = JSON.arrayNode();
        patch.forEach(op -> {
            if (!"test".equals(op.path("op").asText())) {
                ops.add(op);
            }
        });
        return ops;
    }

    /**
     * Whether the patch tests that something is absent ({@code test} with null). Not every JSON
     * Patch implementation reads it so: RFC 6902 compares with a null value, and the fabric8
     * mock server refuses the patch; a writer then falls back to the resourceVersion guard.
     */
    public static boolean testsAbsence(ArrayNode patch) {
        for (JsonNode op : patch) {
            if ("test".equals(op.path("op").asText()) && op.get("value").isNull()) {
                return true;
            }
        }
        return false;
    }

    /** The index of the HTTP route called {@code name} in {@code spec.http}, or -1. */
    public static int routeIndex(JsonNode virtualService, String name) {
        return ruleIndex(virtualService, HTTP, name);
    }

    /** The index of the rule called {@code name} in {@code spec.<rulesField>}, or -1. */
    public static int ruleIndex(JsonNode routing, String rulesField, String name) {
        JsonNode http = routing.path("spec").path(rulesField);
        for (int i = 0; i < http.size(); i++) {
            if (name.equals(http.get(i).path("name").asText(null))) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the patch carries {@code test} guards (rather than the resourceVersion). */
    public static boolean isRouteScoped(ArrayNode patch) {
        return !patch.isEmpty() && "test".equals(patch.get(0).path("op").asText());
    }

    private static ObjectNode test(String path, JsonNode value) {
        ObjectNode op = JSON.objectNode();
        op.put("op", "test");
        op.put("path", path);
        op.set("value", value);
        return op;
    }

    /** The changed stretch of the route list, diffed on its own, with indices shifted to the whole list. */
    private static void addRouteOps(Split split, ArrayNode ops) {
        int n = split.before.size();
        int m = split.after.size();
        if (split.prefix == n && split.prefix == m) {
            return;
        }
        ArrayNode b = JSON.arrayNode();
        for (int k = split.prefix; k < n - split.suffix; k++) {
            b.add(split.before.get(k));
        }
        ArrayNode a = JSON.arrayNode();
        for (int k = split.prefix; k < m - split.suffix; k++) {
            a.add(split.after.get(k));
        }
        for (JsonNode op : diff(b, a)) {
            ObjectNode shifted = (ObjectNode) op.deepCopy();
            String path = op.path("path").asText(); // "/<index>[/...]"
            int slash = path.indexOf('/', 1);
            String index = slash < 0 ? path.substring(1) : path.substring(1, slash);
            String tail = slash < 0 ? "" : path.substring(slash);
            shifted.put("path", "/spec/" + split.field + "/" + (Integer.parseInt(index) + split.prefix) + tail);
            ops.add(shifted);
        }
    }

    /** The route lists before and after, their equal head and tail, and the diff of everything but the routes. */
    private static final class Split {
        final String field;
        final ArrayNode before;
        final ArrayNode after;
        final int prefix;
        final int suffix;
        final ArrayNode rest;

        private Split(String field, ArrayNode before, ArrayNode after, int prefix, int suffix, ArrayNode rest) {
            this.field = field;
            this.before = before;
            this.after = after;
            this.prefix = prefix;
            this.suffix = suffix;
            this.rest = rest;
        }

        /** Null when either object has no {@code spec.<field>} list. */
        static Split of(ObjectNode before, ObjectNode after, String field) {
            if (!(before.path("spec").get(field) instanceof ArrayNode b) || !(after.path("spec").get(field) instanceof ArrayNode a)) {
                return null;
            }
            CommonEnds ends = CommonEnds.of(b, a);
            ObjectNode restBefore = withoutRoutes(before, field);
            ObjectNode restAfter = withoutRoutes(after, field);
            return new Split(field, b, a, ends.prefix(), ends.suffix(), diff(restBefore, restAfter));
        }

        private static ObjectNode withoutRoutes(ObjectNode object, String field) {
            // Shallow: only the two parents are new, so a large route list is neither copied nor diffed.
            ObjectNode copy = JSON.objectNode();
            copy.setAll(object);
            ObjectNode spec = JSON.objectNode();
            spec.setAll((ObjectNode) object.get("spec"));
            spec.remove(field);
            copy.set("spec", spec);
            return copy;
        }
    }
}
