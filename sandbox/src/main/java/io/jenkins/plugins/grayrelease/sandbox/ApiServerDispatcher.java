package io.jenkins.plugins.grayrelease.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;

/**
 * fabric8's CRUD dispatcher, plus two things a real API server does with a PATCH that the plain
 * mock server does not:
 * <ul>
 *   <li>A JSON Patch's {@code test} operations are evaluated as the API server (evanphx/json-patch)
 *       does: a test with null holds when the member is absent, and a failed test answers 422 with
 *       nothing stored. (The mock server hands them to zjsonpatch, which throws on an absent member
 *       and then never answers.) The engine guards its writes with such tests.</li>
 *   <li>{@code ?dryRun=All} is honoured: the patch is applied to the stored object, its
 *       resourceVersion checked, the result answered, and nothing stored (see {@link DryRunAnswer}).
 *       The plain mock server ignores the flag and stores the change.
 *       {@link #honourDryRun(boolean) honourDryRun(false)} restores that, for a test of how the
 *       engine copes with a server that does not validate its dry runs.</li>
 * </ul>
 */
public final class ApiServerDispatcher extends KubernetesCrudDispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_PATCH = "application/json-patch+json";

    private volatile boolean honourDryRun = true;
    private volatile boolean simulateRollouts = true;

    ApiServerDispatcher() {
        super(SandboxKinds.ALL);
    }

    /** Whether {@code dryRun=All} patches are answered without being stored (true from the start). */
    public void honourDryRun(boolean honour) {
        this.honourDryRun = honour;
    }

    /**
     * Whether a Deployment whose spec is written is reported rolled out at once (true from the start);
     * see {@link SimulatedRollouts}. False leaves its status as written, for tests of the engine's
     * readiness checks that set it by hand.
     */
    public void simulateRollouts(boolean simulate) {
        this.simulateRollouts = simulate;
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        return rolledOut(request, super.handleCreate(request));
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        return rolledOut(request, super.handleUpdate(request));
    }

    /**
     * Deletes honour {@code DeleteOptions.preconditions} (uid, resourceVersion) as the API server
     * does: 409 Conflict and nothing deleted when the stored object differs. (The mock server ignores them.)
     */
    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!"DELETE".equals(request.getMethod())) {
            return super.dispatch(request);
        }
        String body = request.getBody() == null ? "" : request.getUtf8Body();
        if (!body.isBlank()) {
            try {
                JsonNode preconditions = JSON.readTree(body).path("preconditions");
                if (!preconditions.isMissingNode() && !preconditions.isNull()) {
                    MockResponse current = handleGet(withoutQuery(request.getPath()));
                    if (current.code() == 200) {
                        JsonNode meta = JSON.readTree(current.getBody().readUtf8()).path("metadata");
                        for (String field : new String[] {"uid", "resourceVersion"}) {
                            JsonNode wanted = preconditions.path(field);
                            if (wanted.isTextual() && !wanted.asText().equals(meta.path(field).asText())) {
                                return status(409, "Conflict", "Precondition failed: " + field + " in precondition: " + wanted.asText()
                                        + ", " + field + " in object meta: " + meta.path(field).asText());
                            }
                        }
                    }
                }
            } catch (JsonProcessingException e) {
                return status(400, "BadRequest", "the delete options are not JSON: " + e.getOriginalMessage());
            }
        }
        return super.handleDelete(request.getPath());
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        return rolledOut(request, patch(request));
    }

    /** After a successful write of a Deployment's spec: its status as a controller would report it, answered with the stored object. */
    private MockResponse rolledOut(RecordedRequest request, MockResponse written) {
        String path = request.getPath();
        if (!simulateRollouts || written.code() >= 300 || !SimulatedRollouts.isDeploymentWrite(path)) {
            return written;
        }
        try {
            ObjectNode stored = (ObjectNode) JSON.readTree(written.getBody().readUtf8());
            stored.set("status", SimulatedRollouts.rolledOut(stored));
            String objectPath = SimulatedRollouts.objectPath(path, stored.path("metadata").path("name").asText());
            MockResponse answer = super.handleUpdate(new RecordedRequest(request.getHttpVersion(), io.fabric8.mockwebserver.dsl.HttpMethod.PUT, objectPath + "/status", request.getHeaders(),
                    new Buffer(stored.toString().getBytes(StandardCharsets.UTF_8))));
            return answer.code() < 300 ? answer.setResponseCode(written.code()) : answer;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the mock server answered a Deployment write with something not JSON", e);
        }
    }

    private MockResponse patch(RecordedRequest request) {
        if (String.valueOf(request.getHeader("Content-Type")).startsWith(JSON_PATCH)) {
            // Reading the body drains it: the request handed on is rebuilt from what was read.
            String text = request.getUtf8Body();
            try {
                JsonNode patch = JSON.readTree(text);
                if (patch instanceof ArrayNode ops && hasTests(ops)) {
                    MockResponse current = handleGet(withoutQuery(request.getPath()));
                    if (current.code() == 200 && !testsHold(ops, JSON.readTree(current.getBody().readUtf8()))) {
                        return status(422, "Invalid", "the server rejected our request due to an error in our request: "
                                + "testing value failed");
                    }
                    text = withoutTests(ops).toString();
                }
            } catch (JsonProcessingException e) {
                return status(400, "BadRequest", "the patch is not JSON: " + e.getOriginalMessage());
            }
            request = new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), request.getHeaders(),
                    new Buffer(text.getBytes(StandardCharsets.UTF_8)));
        }
        if (!honourDryRun || !isDryRun(request.getPath())) {
            return super.handlePatch(request);
        }
        MockResponse current = handleGet(withoutQuery(request.getPath()));
        if (current.code() != 200) {
            return current;
        }
        return DryRunAnswer.of(current.getBody().readUtf8(), request);
    }

    private static boolean hasTests(ArrayNode patch) {
        for (JsonNode op : patch) {
            if ("test".equals(op.path("op").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean testsHold(ArrayNode patch, JsonNode stored) {
        for (JsonNode op : patch) {
            if (!"test".equals(op.path("op").asText())) {
                continue;
            }
            JsonNode found = stored.at(op.path("path").asText());
            JsonNode wanted = op.path("value");
            boolean holds = wanted.isNull() ? found.isMissingNode() || found.isNull() : found.equals(wanted);
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static ArrayNode withoutTests(ArrayNode patch) {
        ArrayNode ops = JSON.createArrayNode();
        patch.forEach(op -> {
            if (!"test".equals(op.path("op").asText())) {
                ops.add(op);
            }
        });
        return ops;
    }

    private static boolean isDryRun(String path) {
        int query = path.indexOf('?');
        return query >= 0 && java.util.List.of(path.substring(query + 1).split("&")).contains("dryRun=All");
    }

    static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    static MockResponse status(int code, String reason, String message) {
        ObjectNode status = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Status").put("status", "Failure")
                .put("message", message).put("reason", reason).put("code", code);
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(status.toString());
    }
}
