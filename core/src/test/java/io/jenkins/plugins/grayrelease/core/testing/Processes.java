package io.jenkins.plugins.grayrelease.core.testing;

import java.util.concurrent.TimeUnit;

/** Ending the server processes tests start (Prometheus, control-plane binaries): nothing outlives the tests. */
public final class Processes {

    private Processes() {
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 10 s; an interrupt kills it at once and keeps the flag. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
