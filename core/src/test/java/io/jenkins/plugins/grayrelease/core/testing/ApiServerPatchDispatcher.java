package io.jenkins.plugins.grayrelease.core.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jenkins.plugins.grayrelease.core.cluster.GuardedPatch;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The CRUD dispatcher with a JSON Patch's {@code test} operations evaluated as the API server
 * (evanphx/json-patch) does: a test with null holds when the member is absent, and a failed test
 * answers 422. The plain mock server hands tests to zjsonpatch, which throws on an absent member
 * and then never answers.
 */
public class ApiServerPatchDispatcher extends KubernetesCrudDispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ApiServerPatchDispatcher() {
        super();
    }

    public ApiServerPatchDispatcher(List<CustomResourceDefinitionContext> kinds) {
        super(kinds);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        if (!String.valueOf(request.getHeader("Content-Type")).startsWith("application/json-patch+json")) {
            return super.handlePatch(request);
        }
        // Reading the body drains it: the request handed on is always rebuilt from what was read.
        String text = request.getUtf8Body();
        String path = request.getPath();
        try {
            JsonNode patch = JSON.readTree(text);
            if (patch instanceof ArrayNode ops && GuardedPatch.withoutTests(ops).size() != ops.size()) {
                MockResponse current = handleGet(path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
                if (current.getStatus().contains(" 200") && !GuardedPatch.testsHold(ops, JSON.readTree(current.getBody().readUtf8()))) {
                    return new MockResponse().setResponseCode(422).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                            + "\"message\":\"the server rejected our request due to an error in our request: testing value failed\",\"code\":422}");
                }
                text = GuardedPatch.withoutTests(ops).toString();
            }
        } catch (JsonProcessingException e) {
            // Handed on as it came: the CRUD dispatcher answers it.
        }
        return super.handlePatch(new RecordedRequest(request.getHttpVersion(), request.method(), path, request.getHeaders(),
                new Buffer(text.getBytes(StandardCharsets.UTF_8))));
    }
}
