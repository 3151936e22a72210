package io.jenkins.plugins.grayrelease.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.Iterator;
import java.util.Map;

/**
 * A real API server's answer to a PATCH sent with {@code dryRun=All}: the stored object with the
 * patch applied, or 409 when the patch names another resourceVersion than the stored one.
 * Nothing is stored. A JSON Patch is applied as such; a server-side apply (which the engine
 * sends with the whole planned object) as a merge of that object, which is what an apply of a
 * complete object amounts to.
 */
final class DryRunAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DryRunAnswer() {
    }

    static MockResponse of(String storedJson, RecordedRequest request) {
        try {
            JsonNode stored = JSON.readTree(storedJson);
            JsonNode patch = JSON.readTree(request.getUtf8Body());
            boolean jsonPatch = String.valueOf(request.getHeader("Content-Type")).startsWith("application/json-patch+json");
            JsonNode result = jsonPatch ? JsonPatch.apply(patch, stored) : merge(stored.deepCopy(), patch);
            String readVersion = stored.path("metadata").path("resourceVersion").asText();
            String patchedVersion = result.path("metadata").path("resourceVersion").asText();
            if (!patchedVersion.isEmpty() && !patchedVersion.equals(readVersion)) {
                return ApiServerDispatcher.status(409, "Conflict",
                        "the object has been modified; please apply your changes to the latest version");
            }
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody(JSON.writeValueAsString(result));
        } catch (JsonProcessingException | JsonPatchException e) {
            return ApiServerDispatcher.status(422, "Invalid", "the patch cannot be applied: " + e.getMessage());
        }
    }

    /** RFC 7386: objects merge key by key, null removes, anything else replaces. */
    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject() || !target.isObject()) {
            return patch;
        }
        ObjectNode result = (ObjectNode) target;
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                JsonNode existing = result.get(field.getKey());
                result.set(field.getKey(), existing == null ? field.getValue() : merge(existing, field.getValue()));
            }
        }
        return result;
    }
}
