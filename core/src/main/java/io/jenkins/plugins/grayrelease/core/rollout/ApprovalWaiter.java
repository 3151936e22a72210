package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.jenkins.plugins.grayrelease.core.errors.GateException;

/**
 * Asks the gate on a thread of its own, so that the step's timeout and a stop (cancellation, a
 * failed background analysis) end the wait whatever the gate is doing.
 */
final class ApprovalWaiter {
    /** How often the wait looks at the stop signal; short enough to feel immediate. */
    private static final long POLL_MILLIS = 50;

    private final Gate gate;
    private final StopSignal signal;
    private final Clock clock;
    private final ClusterAnswers answers;

    /** @param answers answers recorded on the cluster that also end the wait, or null */
    ApprovalWaiter(Gate gate, StopSignal signal, Clock clock, ClusterAnswers answers) {
        this.gate = gate;
        this.signal = signal;
        this.clock = clock;
        this.answers = answers;
    }

    /** @throws RunStopped when the signal was raised while waiting */
    Decision await(ApprovalRequest request) {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gray-release-approval");
            t.setDaemon(true);
            return t;
        });
        // The deadline is taken before the gate is asked, so it never depends on how soon the gate runs.
        Instant deadline = request.timeout().map(d -> clock.instant().plus(d)).orElse(null);
        // The first answer wins: the gate's (terminal, Jenkins) or one recorded on the cluster.
        CompletableFuture<Decision> answer = new CompletableFuture<>();
        Future<?> asking = thread.submit(() -> {
            try {
                answer.complete(gate.decide(request));
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        if (answers != null) {
            answers.await(request.step(), answer);
        }
        try {
            while (true) {
                if (signal.isRaised()) {
                    throw new RunStopped();
                }
                try {
                    return check(request, answer.get(POLL_MILLIS, TimeUnit.MILLISECONDS));
                } catch (TimeoutException notYet) {
                    if (deadline != null && !clock.instant().isBefore(deadline)) {
                        return Decision.timedOut(request.onTimeout(), request.timeout().orElse(Duration.ZERO));
                    }
                } catch (ExecutionException e) {
                    throw new GateException("steps[" + request.step() + "].approval", "the approval could not be"
                            + " asked: " + e.getCause(), "check the gate (terminal input, Jenkins); the release was"
                            + " not changed and the run can be resumed", e.getCause());
                } catch (InterruptedException e) {
                    // The runner's own thread was interrupted (e.g. Jenkins aborts the build): a cancellation.
                    signal.cancel();
                }
            }
        } finally {
            if (answers != null) {
                answers.stopWaiting();
            }
            asking.cancel(true);
            thread.shutdownNow();
        }
    }

    private static Decision check(ApprovalRequest request, Decision decision) {
        if (decision == null || !request.allows(decision.kind())) {
            throw new GateException("steps[" + request.step() + "].approval", "the gate answered "
                    + (decision == null ? "nothing" : decision.describe()) + ", which this approval does not offer",
                    "answer one of " + request.allowed().stream().map(DecisionKind::planName).sorted().toList(), null);
        }
        return decision;
    }
}
