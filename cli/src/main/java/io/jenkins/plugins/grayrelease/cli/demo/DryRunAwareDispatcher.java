package io.jenkins.plugins.grayrelease.cli.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import io.jenkins.plugins.grayrelease.core.cluster.GuardedPatch;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The CRUD dispatcher, plus what a real API server does with {@code ?dryRun=All} on a PATCH:
 * apply the patch to the stored object, check its resourceVersion, answer with the result, and
 * store nothing. fabric8's plain mock server stores a JSON Patch sent with the flag and refuses a
 * server-side apply (415). Two callers need
 * this: the engine's dry run, which sends the planned object as a server-side apply (treated here
 * as a merge of the whole object, which is what an apply of a complete object amounts to), and
 * {@code kubectl patch --dry-run=server} against a sandbox kept with {@code demo --keep}.
 *
 * <p>Also evaluates a JSON Patch's {@code test} operations as the API server (evanphx/json-patch)
 * does, a test with null holding when the member is absent and a failed test answering 422,
 * before the CRUD dispatcher applies the rest: the engine guards its writes with such tests, and
 * the mock server's own JSON Patch throws on an absent member and then never answers.
 */
final class DryRunAwareDispatcher extends KubernetesCrudDispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    DryRunAwareDispatcher(List<CustomResourceDefinitionContext> customResources) {
        super(customResources);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        if (String.valueOf(request.getHeader("Content-Type")).startsWith("application/json-patch+json")) {
            // Reading the body drains it: the request handed on is rebuilt from what was read.
            String text = request.getUtf8Body();
            try {
                JsonNode patch = JSON.readTree(text);
                if (patch instanceof ArrayNode ops && GuardedPatch.withoutTests(ops).size() != ops.size()) {
                    MockResponse current = handleGet(withoutQuery(request.getPath()));
                    if (statusCode(current) == 200 && !GuardedPatch.testsHold(ops, JSON.readTree(current.getBody().readUtf8()))) {
                        return status(422, "Invalid", "the patch cannot be applied: a test operation failed");
                    }
                    text = GuardedPatch.withoutTests(ops).toString();
                }
            } catch (JsonProcessingException e) {
                return status(400, "BadRequest", "the patch is not JSON: " + e.getOriginalMessage());
            }
            request = new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), request.getHeaders(),
                    new Buffer(text.getBytes(StandardCharsets.UTF_8)));
        }
        if (!isDryRun(request.getPath())) {
            return super.handlePatch(request);
        }
        MockResponse current = handleGet(withoutQuery(request.getPath()));
        if (statusCode(current) != 200) {
            return current;
        }
        try {
            JsonNode stored = JSON.readTree(current.getBody().readUtf8());
            JsonNode patch = JSON.readTree(request.getUtf8Body());
            String contentType = String.valueOf(request.getHeader("Content-Type"));
            JsonNode result = contentType.startsWith("application/json-patch+json")
                    ? JsonPatch.apply(patch, stored) : mergePatch(stored.deepCopy(), patch);
            String readVersion = stored.path("metadata").path("resourceVersion").asText();
            String patchedVersion = result.path("metadata").path("resourceVersion").asText();
            if (!patchedVersion.isEmpty() && !patchedVersion.equals(readVersion)) {
                return status(409, "Conflict", "the object has been modified; please apply your changes to the latest version");
            }
            return new MockResponse().setResponseCode(200).setBody(JSON.writeValueAsString(result));
        } catch (JsonProcessingException | JsonPatchException e) {
            return status(422, "Invalid", "the patch cannot be applied: " + e.getMessage());
        }
    }

    private static boolean isDryRun(String path) {
        int query = path.indexOf('?');
        return query >= 0 && List.of(path.substring(query + 1).split("&")).contains("dryRun=All");
    }

    private static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static int statusCode(MockResponse response) {
        // "HTTP/1.1 200 OK"
        String[] parts = response.getStatus().split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : 500;
    }

    /** RFC 7386: objects merge key by key, null removes, anything else replaces. */
    private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
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
                result.set(field.getKey(), existing == null ? field.getValue() : mergePatch(existing, field.getValue()));
            }
        }
        return result;
    }

    private static MockResponse status(int code, String reason, String message) {
        ObjectNode status = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Status").put("status", "Failure")
                .put("message", message).put("reason", reason).put("code", code);
        return new MockResponse().setResponseCode(code).setBody(status.toString());
    }
}
