package io.jenkins.plugins.grayrelease.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;

/** A real API server's answer to a patch (JSON Patch or server-side apply) sent with {@code dryRun=All}: computed, checked, never stored. */
final class DryRunEmulation {

    private DryRunEmulation() {
    }

    static MockResponse answer(Dispatcher crud, RecordedRequest request) {
        String path = request.getPath().split("\\?")[0];
        MockResponse current = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, path, Headers.builder().build(), new Buffer()));
        if (current.code() != 200) {
            return current;
        }
        JsonNode stored = Serialization.unmarshal(current.getBody().readUtf8(), JsonNode.class);
        JsonNode body = Serialization.unmarshal(request.getUtf8Body(), JsonNode.class);
        String contentType = String.valueOf(request.getHeader("Content-Type"));
        // A server-side apply carries the whole object; a JSON Patch the operations.
        JsonNode patched = contentType.contains("apply-patch") ? body : JsonPatch.apply(body, stored);
        String wanted = patched.path("metadata").path("resourceVersion").asText();
        if (!wanted.equals(stored.path("metadata").path("resourceVersion").asText())) {
            return new MockResponse().setResponseCode(409).setBody("{\"kind\":\"Status\",\"code\":409,\"reason\":\"Conflict\"}");
        }
        return new MockResponse().setResponseCode(200).setBody(patched.toString());
    }
}
