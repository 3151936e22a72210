package io.jenkins.plugins.grayrelease.core.fleet;

import io.jenkins.plugins.grayrelease.core.errors.ClusterApiException;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;

/** Whether a failure means the target's API server could not be reached (as opposed to a refusal it answered). */
final class Unreachable {

    private Unreachable() {
    }

    /**
     * True for a request that got no answer past the engine's retries (no status code), or a gateway's
     * 502/503/504 in front of an API server that is down.
     */
    static boolean is(GrayReleaseException e) {
        if (e instanceof ClusterApiException api) {
            int code = api.statusCode();
            return code <= 0 || code == 502 || code == 503 || code == 504;
        }
        return false;
    }
}
