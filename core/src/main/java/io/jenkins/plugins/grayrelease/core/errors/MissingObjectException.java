package io.jenkins.plugins.grayrelease.core.errors;

import io.jenkins.plugins.grayrelease.core.ObjectRef;

/** An object the release needs (VirtualService, DestinationRule, Deployment) does not exist. Nothing was written. */
public class MissingObjectException extends InvalidReleaseException {

    public MissingObjectException(ObjectRef object, String hint) {
        super(object, null, "not found", hint);
    }
}
