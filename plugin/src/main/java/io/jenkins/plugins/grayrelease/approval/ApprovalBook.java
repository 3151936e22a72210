package io.jenkins.plugins.grayrelease.approval;

import hudson.model.Run;
import java.text.DateFormat;
import java.util.Date;

/** The one place an approval becomes decided, so that two answers racing each other cannot both win. */
public final class ApprovalBook {

    private ApprovalBook() {
    }

    /** @return null when {@code decision} was recorded, otherwise a sentence saying who answered first */
    public static String decide(Run<?, ?> run, Approval approval, Decision decision, String user, String note) {
        synchronized (approval) {
            if (approval.isCancelled()) {
                return "This approval is closed: " + approval.getNote() + ".";
            }
            if (!approval.isPending()) {
                return "This approval was already answered: " + approval.getDecision() + " by " + approval.getDecidedBy()
                        + " at " + DateFormat.getDateTimeInstance().format(new Date(approval.getDecidedAt())) + ".";
            }
            approval.decide(decision, user, System.currentTimeMillis(), note);
            return null;
        }
    }

    /** Closes an approval nobody answered (the build was stopped); a later answer is refused. */
    public static void cancel(Run<?, ?> run, Approval approval, String why) {
        synchronized (approval) {
            if (approval.isPending()) {
                approval.cancel(why);
            }
        }
        ApprovalWaiters.forget(run, approval.getId());
    }

    /** Wakes the step or rollout gate waiting for this approval, if it is in memory. */
    public static void wake(Run<?, ?> run, Approval approval, Decision decision) {
        ApprovalWaiters.complete(run, approval.getId(), decision);
    }
}
