package io.jenkins.plugins.grayrelease.approval;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Wakes whoever waits for an approval (the grayApproval step, a rollout's gate) when the build
 * page records the answer. Memory only: after a restart the waiters register again and find the
 * answer in {@code build.xml} if it came while they were away.
 */
public final class ApprovalWaiters {

    private static final Map<String, CompletableFuture<Decision>> WAITERS = new ConcurrentHashMap<>();

    private ApprovalWaiters() {
    }

    /** Not the build's name: a job renamed or moved while a step waits keeps its waiters. */
    private static String key(Run<?, ?> run, String approvalId) {
        return GrayReleaseAction.of(run).waitKey() + "#" + approvalId;
    }

    /**
     * Blocks a plan's gate (a rollout's thread, never the Pipeline thread) until {@code approval} is answered,
     * looking every second whether the controller it started under is going away: then it ends the wait without
     * touching the approval (the run resumed after the restart asks again and finds it).
     *
     * @param stoppedWaiting the approval's closing sentence when the wait is interrupted (timeout, build stopped)
     * @param shuttingDown   the message of the exception that ends the wait of a detached run
     */
    public static Decision answerFor(Run<?, ?> run, Approval approval, BooleanSupplier detached, String stoppedWaiting,
            String shuttingDown) throws InterruptedException {
        try {
            CompletableFuture<Decision> answer = await(run, approval);
            while (true) {
                requireAttached(detached, shuttingDown);
                try {
                    Decision d = answer.get(1, TimeUnit.SECONDS);
                    requireAttached(detached, shuttingDown);
                    return d;
                } catch (TimeoutException notYet) {
                    // look at the controller's state again
                }
            }
        } catch (InterruptedException | CancellationException e) {
            GrayReleaseAction.of(run).close(approval, stoppedWaiting);
            throw e instanceof InterruptedException ie ? ie : new InterruptedException("approval cancelled");
        } catch (ExecutionException e) {
            // Never completed exceptionally; a failure here is a bug, and the runner ends the run without changes.
            throw new IllegalStateException("approval " + approval.getId() + " failed", e);
        }
    }

    private static void requireAttached(BooleanSupplier detached, String shuttingDown) {
        if (detached.getAsBoolean()) {
            throw new IllegalStateException(shuttingDown);
        }
    }

    /** A future completed with the decision; already completed when {@code approval} is decided. */
    public static CompletableFuture<Decision> await(Run<?, ?> run, Approval approval) {
        CompletableFuture<Decision> f = WAITERS.computeIfAbsent(key(run, approval.getId()), k -> new CompletableFuture<>());
        Decision decided = approval.getDecision();
        if (decided != null) {
            complete(run, approval.getId(), decided);
        }
        return f;
    }

    public static void complete(Run<?, ?> run, String approvalId, Decision decision) {
        CompletableFuture<Decision> f = WAITERS.remove(key(run, approvalId));
        if (f != null) {
            f.complete(decision);
        }
    }

    /** Ends the wait with an error saying {@code why}: the approval will not be answered (the release was rolled back). */
    public static void fail(Run<?, ?> run, String approvalId, String why) {
        CompletableFuture<Decision> f = WAITERS.remove(key(run, approvalId));
        if (f != null) {
            f.completeExceptionally(new AbortException(why));
        }
    }

    /** Forgets a waiter whose step ended another way (build aborted). */
    public static void forget(Run<?, ?> run, String approvalId) {
        CompletableFuture<Decision> f = WAITERS.remove(key(run, approvalId));
        if (f != null) {
            f.cancel(false);
        }
    }
}
