package io.jenkins.plugins.grayrelease.core.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeoutException;
import io.jenkins.plugins.grayrelease.core.errors.GuardRefusedException;

/** Sorts API failures into the kinds a guarded write treats differently. */
public final class ApiFaults {

    public enum Kind {
        /** 409, or a refused route-scoped guard ({@link GuardRefusedException}): someone else wrote first; re-read and re-plan. */
        CONFLICT,
        /** 5xx, 429, timeouts, dropped connections: the request may or may not have been applied; re-read. */
        TRANSIENT,
        /** Anything else (403, 422, ...): retrying cannot help. */
        PERMANENT
    }

    private ApiFaults() {
    }

    public static Kind classify(KubernetesClientException e) {
        int code = e.getCode();
        if (code == 409 || e instanceof GuardRefusedException) {
            return Kind.CONFLICT;
        }
        // fabric8 reports a request timeout as code -1 with neither a cause nor a server status.
        if (code >= 500 || code == 429 || (code <= 0 && (isIo(e) || e.getStatus() == null))) {
            return Kind.TRANSIENT;
        }
        return Kind.PERMANENT;
    }

    private static boolean isIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }
}
