package io.jenkins.plugins.grayrelease.core.errors;

import io.jenkins.plugins.grayrelease.core.ObjectRef;

/** Others kept changing the object: every guarded write met a newer resourceVersion until the retry bound. */
public class ConflictException extends ClusterApiException {

    private final int attempts;

    public ConflictException(ObjectRef object, int attempts, Throwable cause) {
        super(object, "metadata.resourceVersion",
                "changed by someone else during each of " + attempts + " attempts; nothing of this operation was written",
                "Retry when the other writer has finished, or check who is editing it (kubectl get -o yaml)", 409, cause);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
