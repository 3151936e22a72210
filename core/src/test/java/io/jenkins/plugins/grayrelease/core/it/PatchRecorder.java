package io.jenkins.plugins.grayrelease.core.it;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Records every PATCH a client sends (path and body), in order, so a test can replay them on
 * the objects as they were and look at every intermediate state the server stored.
 */
final class PatchRecorder implements Interceptor {

    record Patch(String path, String body) {

        /** {@code virtualservices} or {@code destinationrules}, from the request path. */
        String plural() {
            String[] parts = path.split("/");
            return parts[parts.length - 2];
        }

        boolean dryRun() {
            return path.contains("dryRun");
        }
    }

    private final List<Patch> patches = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (request.method().equals("PATCH")) {
            patches.add(new Patch(request.uri().getPath() + (request.uri().getQuery() == null ? "" : "?dryRun"), request.bodyString()));
        }
    }

    List<Patch> patches() {
        return List.copyOf(patches);
    }

    void clear() {
        patches.clear();
    }
}
