package io.jenkins.plugins.grayrelease.approval;

import hudson.model.Run;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import java.util.concurrent.TimeUnit;
import jenkins.util.Timer;

/**
 * Answers an approval with rollback when nobody answered in time. The deadline is the approval's
 * creation time plus its timeout, so a restart does not extend it.
 */
final class ApprovalTimeouts {

    /** Recorded as the one who decided, so the history says why nobody is named. */
    static final String TIMEOUT_USER = "(timeout)";

    private ApprovalTimeouts() {
    }

    static void schedule(Run<?, ?> run, Approval approval) {
        long deadline = approval.getDeadline();
        if (deadline <= 0 || !approval.isPending()) {
            return;
        }
        long delay = Math.max(0, deadline - System.currentTimeMillis());
        Timer.get().schedule(() -> {
            if (approval.isPending()) {
                GrayReleaseAction.of(run).answer(approval, Decision.rollback(), TIMEOUT_USER,
                        "no answer within " + approval.getTimeoutMinutes() + " min");
            }
        }, delay, TimeUnit.MILLISECONDS);
    }
}
