package io.jenkins.plugins.grayrelease.core.errors;

import io.jenkins.plugins.grayrelease.core.ObjectRef;

/**
 * A Deployment the operation waited for did not have its pods ready in time (its progress
 * deadline, or the timeout asked for), or the wait was interrupted. The message names the
 * Deployment, ready/desired and the pods' reason. Nothing was routed to it by the waiting operation.
 */
public final class WorkloadNotAvailableException extends GrayReleaseException {

    private static final long serialVersionUID = 1L;

    public WorkloadNotAvailableException(ObjectRef deployment, String problem, String hint) {
        super(deployment, null, problem, hint, null);
    }
}
