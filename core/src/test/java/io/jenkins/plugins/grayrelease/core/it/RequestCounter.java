package io.jenkins.plugins.grayrelease.core.it;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the HTTP requests a client sends (by method), the 409 Conflict and 422 answers, and PATCH body
 * bytes. Install with {@code server.newClient(b -> b.withHttpClientBuilderConsumer(h ->
 * h.addOrReplaceInterceptor("counter", counter)))}.
 */
public final class RequestCounter implements Interceptor {

    private final AtomicLong gets = new AtomicLong();
    private final AtomicLong patches = new AtomicLong();
    private final AtomicLong others = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong patchBytes = new AtomicLong();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        switch (request.method()) {
            case "GET" -> gets.incrementAndGet();
            case "PATCH" -> {
                patches.incrementAndGet();
                String body = request.bodyString();
                patchBytes.addAndGet(body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length);
            }
            default -> others.incrementAndGet();
        }
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        if (response.code() == 409) {
            conflicts.incrementAndGet();
        }
        if (response.code() == 422) {
            refused.incrementAndGet();
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(gets.get(), patches.get(), others.get(), conflicts.get(), patchBytes.get(), refused.get());
    }

    /** @param refused 422 answers: a route-scoped guard that did not hold (or an invalid change) */
    public record Snapshot(long gets, long patches, long others, long conflicts, long patchBytes, long refused) {

        public long total() {
            return gets + patches + others;
        }

        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(gets - earlier.gets, patches - earlier.patches, others - earlier.others,
                    conflicts - earlier.conflicts, patchBytes - earlier.patchBytes, refused - earlier.refused);
        }
    }
}
