package io.jenkins.plugins.grayrelease.core.errors;

import io.jenkins.plugins.grayrelease.core.cluster.ConnectionFault;

/**
 * The API server could not be reached at all (refused, unknown host, TLS, no answer) before it
 * had answered anything: nothing was read or written, so the operation stops at once instead of
 * retrying, naming the server and the cause.
 */
public final class ApiUnreachableException extends ClusterApiException {
    private static final long serialVersionUID = 1L;

    private final String server;
    private final ConnectionFault fault;
    private final int attempts;

    public ApiUnreachableException(String server, ConnectionFault fault, String cause, int attempts, Throwable failure) {
        super(null, null, "cannot reach the API server " + server + ": " + cause, fault.hint(), 0, failure);
        this.server = server;
        this.fault = fault;
        this.attempts = attempts;
    }

    /** The server's URL, with its kubeconfig context when known: {@code https://127.0.0.1:6443 (context kind-dev)}. */
    public String server() {
        return server;
    }

    public ConnectionFault fault() {
        return fault;
    }

    /** Requests sent before giving up. */
    public int attempts() {
        return attempts;
    }
}
