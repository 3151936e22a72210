package io.jenkins.plugins.grayrelease.core.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.DiffFlags;
import io.fabric8.zjsonpatch.JsonDiff;
import java.util.EnumSet;

/**
 * The minimal JSON Patch from what was read to what is wanted, led by a write of the
 * resourceVersion that was read: the API server compares it with the stored one and answers
 * 409 Conflict when someone else wrote in between, so a stale plan is never applied.
 */
public final class GuardedPatch {

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
        ArrayNode ops = JsonNodeFactory.instance.arrayNode();
        ObjectNode guard = ops.addObject();
        guard.put("op", "replace");
        guard.put("path", "/metadata/resourceVersion");
        guard.put("value", before.path("metadata").path("resourceVersion").asText());
        ops.addAll(diff);
        return ops;
    }
}
