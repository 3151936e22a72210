package io.jenkins.plugins.grayrelease.core.errors;

/**
 * A Prometheus query that produced no usable answer. The message names the query, the server
 * and what to check; {@link #reason()} lets callers react without reading the message.
 */
public final class PrometheusQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the query failed. */
    public enum Reason {
        /** Connection refused, DNS failure, TLS failure. */
        UNREACHABLE,
        /** No answer within the configured timeout. */
        TIMEOUT,
        /** The server rejected the query (bad PromQL: HTTP 400/422). */
        REJECTED,
        /** Authentication or authorisation failed (HTTP 401/403). */
        UNAUTHORIZED,
        /** Any other non-success answer, or a body that is not the Prometheus API format. */
        BAD_RESPONSE,
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED
    }

    private final Reason reason;
    private final String query;

    public PrometheusQueryException(Reason reason, String query, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.query = query;
    }

    public Reason reason() {
        return reason;
    }

    public String query() {
        return query;
    }
}
