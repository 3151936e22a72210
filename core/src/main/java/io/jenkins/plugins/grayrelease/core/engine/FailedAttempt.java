package io.jenkins.plugins.grayrelease.core.engine;

import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.errors.GuardRefusedException;

/** What a failed attempt of a guarded operation leaves in the session's cache. */
final class FailedAttempt {

    private FailedAttempt() {
    }

    /**
     * Returns {@code failure}, for the caller to throw, after dropping what {@code cache} (null:
     * none) holds of {@code routingObject}, unless the failure is a guard refusal: the session
     * keeps the fresh read the refusal was checked against. After any other failure the object is
     * as the server last stored it, which the session does not know.
     */
    static RuntimeException forget(SessionCache cache, ObjectRef routingObject, RuntimeException failure) {
        if (cache != null && !(failure instanceof GuardRefusedException)) {
            cache.forget(routingObject);
        }
        return failure;
    }
}
