package io.jenkins.plugins.grayrelease.core.testing;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sits in front of the sandbox's API server and misbehaves on demand, the way a busy
 * API server does: answers 500/503, answers so late that the client gives up (before or after
 * storing the change), or lets another writer change the object just before a request.
 */
public final class FaultInjector extends Dispatcher {

    public enum Fault {
        /** 500 without storing anything. */
        HTTP_500,
        /** 503 without storing anything. */
        HTTP_503,
        /** No answer in time, nothing stored. */
        TIMEOUT_NOT_APPLIED,
        /** Stored, but the answer arrives after the client gave up. */
        TIMEOUT_APPLIED
    }

    /** How late a timed-out answer comes; the sandbox client gives up well before. */
    static final Duration LATE = Duration.ofSeconds(3);

    private record Rule(String method, String pathPart, Fault fault, String concurrentPatch, int[] remaining, int code, String message) {
        Rule(String method, String pathPart, Fault fault, String concurrentPatch, int[] remaining) {
            this(method, pathPart, fault, concurrentPatch, remaining, 0, null);
        }
    }

    private final Dispatcher crud;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private volatile Duration answerDelay = Duration.ZERO;

    /** In front of {@code crud}, e.g. {@code SandboxServer.start(FaultInjector::new)} (the plugin's tests use it too). */
    public FaultInjector(Dispatcher crud) {
        this.crud = crud;
    }

    /** The next {@code times} requests with this method whose path contains {@code pathPart} fail with {@code fault}. */
    public void fail(String method, String pathPart, Fault fault, int times) {
        rules.add(new Rule(method, pathPart, fault, null, new int[] {times}));
    }

    /** The next matching request is answered with this status (e.g. 422 for a validation failure), nothing stored. */
    public void failWith(String method, String pathPart, int code, String message) {
        rules.add(new Rule(method, pathPart, null, null, new int[] {1}, code, message));
    }

    /**
     * Before each of the next {@code times} matching requests, another writer applies {@code jsonPatch}
     * (RFC 6902) to the object at that request's path, so the request's read is stale.
     */
    public void concurrentEdit(String method, String pathPart, String jsonPatch, int times) {
        rules.add(new Rule(method, pathPart, null, jsonPatch, new int[] {times}));
    }

    /**
     * Every answer from now on arrives {@code delay} late (zero: at once), like an API server across a network:
     * what a benchmark of writes to several remote servers needs, where waiting, not this machine's CPUs, dominates.
     */
    public void answerAfter(Duration delay) {
        answerDelay = delay;
    }

    public void clear() {
        rules.clear();
    }

    /** Every request seen, as {@code METHOD path}. */
    public List<String> requests() {
        return List.copyOf(log);
    }

    public long count(String method, String pathPart) {
        return log.stream().filter(r -> r.startsWith(method + " ") && r.contains(pathPart)).count();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        log.add(request.getMethod() + " " + request.getPath());
        Rule rule = take(request);
        if (rule == null) {
            MockResponse answer = crud.dispatch(request);
            return answerDelay.isZero() ? answer : answer.setBodyDelay(answerDelay);
        }
        if (rule.code() != 0) {
            return status(rule.code(), "Invalid", rule.message());
        }
        if (rule.concurrentPatch() != null) {
            String path = request.getPath().split("\\?")[0];
            crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PATCH, path,
                    Headers.builder().add("Content-Type", "application/json-patch+json").build(),
                    new Buffer().writeUtf8(rule.concurrentPatch())));
            return crud.dispatch(request);
        }
        switch (rule.fault()) {
            case HTTP_500:
                return status(500, "InternalError", "etcdserver: request timed out");
            case HTTP_503:
                return status(503, "ServiceUnavailable", "the server is currently unable to handle the request");
            case TIMEOUT_APPLIED:
                return crud.dispatch(request).setBodyDelay(LATE);
            case TIMEOUT_NOT_APPLIED:
            default:
                return status(504, "Timeout", "too late").setBodyDelay(LATE);
        }
    }

    private synchronized Rule take(RecordedRequest request) {
        for (Rule r : rules) {
            if (r.remaining()[0] > 0 && r.method().equalsIgnoreCase(request.getMethod()) && request.getPath().contains(r.pathPart())) {
                r.remaining()[0]--;
                return r;
            }
        }
        return null;
    }

    private static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"" + message
                        + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }
}
