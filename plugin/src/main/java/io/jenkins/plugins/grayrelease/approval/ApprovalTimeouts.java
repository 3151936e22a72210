package io.jenkins.plugins.grayrelease.approval;

import hudson.model.Run;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jenkins.util.Timer;

/**
 * Answers an approval for nobody when its time is up, by the engine's rule
 * ({@link Decision#timedOut}). The deadline is the approval's creation time plus its timeout, so
 * a restart does not extend it. Creation times and deadlines are read from one clock, which
 * tests move on instead of waiting.
 */
final class ApprovalTimeouts {

    private static volatile Clock clock = Clock.systemUTC();

    private ApprovalTimeouts() {
    }

    /** Now, in epoch milliseconds, on the clock approvals are timed with. */
    static long now() {
        return clock.millis();
    }

    /** Times approvals with {@code c} from now on; tests only. */
    static void useClock(Clock c) {
        clock = c;
    }

    static void schedule(Run<?, ?> run, Approval approval) {
        long deadline = approval.getDeadline();
        if (deadline <= 0 || !approval.isPending()) {
            return;
        }
        long delay = Math.max(0, deadline - now());
        Timer.get().schedule(() -> {
            if (approval.isPending()) {
                GrayReleaseAction.of(run).answer(approval,
                        Decision.timedOut(Optional.empty(), approval.getTimeout()), null);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }
}
