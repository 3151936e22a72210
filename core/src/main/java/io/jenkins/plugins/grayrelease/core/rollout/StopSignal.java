package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Why a run must stop early: the user cancelled, or the background analysis failed. Waits in
 * the runner (pauses, analysis intervals, approvals) go through {@link #await}, so they end at
 * once; routing writes are never interrupted mid-way, which keeps the release consistent.
 */
final class StopSignal {
    private final CountDownLatch raised = new CountDownLatch(1);
    private volatile AnalysisVerdict failedBackground;
    private volatile io.jenkins.plugins.grayrelease.core.errors.WorkloadNotReadyException notReady;

    void cancel() {
        raised.countDown();
    }

    void backgroundAnalysisFailed(AnalysisVerdict verdict) {
        failedBackground = verdict;
        raised.countDown();
    }

    /** The canary stopped being ready (see {@link ReadinessWatch}): the release must go back. */
    void canaryNotReady(io.jenkins.plugins.grayrelease.core.errors.WorkloadNotReadyException reason) {
        notReady = reason;
        raised.countDown();
    }

    /** Why the canary is not ready, when that raised the signal; null otherwise. */
    io.jenkins.plugins.grayrelease.core.errors.WorkloadNotReadyException notReady() {
        return notReady;
    }

    boolean isRaised() {
        return raised.getCount() == 0;
    }

    /** A failed analysis wins over a cancellation that raced with it: the release must go back. */
    AnalysisVerdict failedBackground() {
        return failedBackground;
    }

    /** @return true when the signal was raised before {@code duration} passed */
    boolean await(Duration duration) throws InterruptedException {
        return raised.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }
}
