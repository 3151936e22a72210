package io.jenkins.plugins.grayrelease.core.errors;

import io.jenkins.plugins.grayrelease.core.ObjectRef;

/**
 * The request or the cluster's objects do not allow the operation (bad weight, unknown route,
 * missing subset, ...). Raised before anything is written, so nothing was changed.
 */
public class InvalidReleaseException extends GrayReleaseException {

    public InvalidReleaseException(ObjectRef object, String field, String problem, String hint) {
        super(object, field, problem, hint, null);
    }
}
