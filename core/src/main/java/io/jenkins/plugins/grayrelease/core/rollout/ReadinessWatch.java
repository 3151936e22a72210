package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.WorkloadNotReadyException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Re-checks the canary's readiness on its own thread for the whole run (see
 * {@link GrayRelease#checkCanaryReadiness}): while the runner pauses, waits for an approval or
 * analyses, a canary whose pods stop being ready (they crash after the shift) raises the stop
 * signal, and the runner rolls the release back at once, like a failed background analysis.
 * A check that fails for another reason (the API server is briefly away) is not a verdict: the
 * next one, or the next write, tells.
 */
final class ReadinessWatch {

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread thread;

    ReadinessWatch(GrayRelease engine, ReleaseTarget target, Duration interval, StopSignal signal) {
        this.thread = new Thread(() -> {
            try {
                while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS) && !signal.isRaised()) {
                    try {
                        engine.checkCanaryReadiness(target);
                    } catch (WorkloadNotReadyException e) {
                        signal.canaryNotReady(e);
                        return;
                    } catch (GrayReleaseException notAVerdict) {
                        // Unreadable just now: the next check decides.
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                finished.countDown();
            }
        }, "gray-release-readiness-watch");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Ends the watch and waits for a check in flight, so that nothing is raised after the run. */
    void stop(Duration timeout) {
        stop.countDown();
        try {
            finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
