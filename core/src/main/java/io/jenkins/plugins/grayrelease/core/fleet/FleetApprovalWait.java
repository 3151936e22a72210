package io.jenkins.plugins.grayrelease.core.fleet;

import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/** Waits for a {@link FleetGate}'s answer, bounded by the approval's timeout and the run's cancellation. */
final class FleetApprovalWait {

    private static final long POLL_MILLIS = 200;

    private FleetApprovalWait() {
    }

    /**
     * The answer (the gate's, or {@code recorded}: one recorded on a member by {@code grayctl decide}, whichever comes
     * first), the timeout's decision, or null when the run was cancelled meanwhile.
     */
    static Decision await(FleetGate gate, FleetApproval request, CountDownLatch cancelled, CompletableFuture<Decision> recorded) {
        FutureTask<Decision> asking = new FutureTask<>(() -> gate.decide(request));
        Thread asker = new Thread(asking, "gray-fleet-approval-" + request.fleetId());
        asker.setDaemon(true);
        asker.start();
        long deadline = request.timeout().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
        try {
            while (true) {
                try {
                    return asking.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException notYet) {
                    if (recorded.isDone()) {
                        return recorded.join();
                    }
                    if (cancelled.getCount() == 0) {
                        return null;
                    }
                    if (System.nanoTime() >= deadline) {
                        return Decision.timedOut(request.onTimeout(), request.timeout().orElse(Duration.ZERO));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            // The gate could not ask (its own failure): nobody decided, so nothing more is written.
            return null;
        } finally {
            asking.cancel(true);
        }
    }
}
