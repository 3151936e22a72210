package io.jenkins.plugins.grayrelease.core.errors;

import io.jenkins.plugins.grayrelease.core.ObjectRef;

/**
 * The API server failed or refused a request (5xx, timeout, rejected by validation). The
 * object is left as the server last stored it: either the whole change or none of it.
 */
public class ClusterApiException extends GrayReleaseException {

    private final int statusCode;

    public ClusterApiException(ObjectRef object, String field, String problem, String hint, int statusCode, Throwable cause) {
        super(object, field, problem, hint, cause);
        this.statusCode = statusCode;
    }

    /** The HTTP status the server answered, or 0 when there was no answer (timeout, connection). */
    public int statusCode() {
        return statusCode;
    }
}
