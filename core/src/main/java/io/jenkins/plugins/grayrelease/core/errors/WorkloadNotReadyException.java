package io.jenkins.plugins.grayrelease.core.errors;

import io.jenkins.plugins.grayrelease.core.ObjectRef;

/**
 * The readiness gate refused a write: the side it would send requests to has no Deployment, or its
 * Deployment is not rolled out, or has too few available pods for the share. Nothing was written.
 * During a rollout the same exception stops the rollout and rolls it back.
 */
public final class WorkloadNotReadyException extends InvalidReleaseException {

    private static final long serialVersionUID = 1L;

    private final int available;
    private final int required;
    private final String reason;

    /**
     * @param object    the Deployment, or (no Deployment at all) the Service whose side selects none
     * @param available available pods of the side
     * @param required  the pods the share needs
     * @param reason    the pods' reason ({@code CrashLoopBackOff}, ...), or null when unknown or none
     */
    public WorkloadNotReadyException(ObjectRef object, String field, String problem, String hint, int available, int required, String reason) {
        super(object, field, problem, hint);
        this.available = available;
        this.required = required;
        this.reason = reason;
    }

    public int available() {
        return available;
    }

    public int required() {
        return required;
    }

    /** The pods' reason, e.g. {@code CrashLoopBackOff}, or null. */
    public String reason() {
        return reason;
    }
}
