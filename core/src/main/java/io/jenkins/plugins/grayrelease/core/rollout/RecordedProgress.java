package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.rollout.plan.ApprovalStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress.RunDigest;
import java.util.Objects;

/**
 * Reads a plan's progress from the release state recorded on the routing object: where a run
 * resumes. Only the run that made the progress resumes it, and only with the same plan and the
 * same canary pod template: approvals are given for one canary, never carried over to another.
 */
final class RecordedProgress {
    private RecordedProgress() {}

    /**
     * Where a run starts.
     *
     * @param step    the first step to run
     * @param resumed whether recorded progress is taken up
     * @param why     why recorded progress of this plan is not taken up (said to the user), or null
     */
    record Start(int step, boolean resumed, String why) {
    }

    /**
     * After the last step recorded as done, or at a step recorded as running, when the state
     * belongs to this plan, this run, this plan's digest and this canary, and the release is still
     * under way; else step 0, saying why when the record was this plan's.
     */
    static Start resumePoint(RolloutPlan plan, ReleaseTarget target, ReleaseStatus status, String runId, RunDigest digest,
            ApprovalProof proof) {
        if (!underWay(plan, status)) {
            return new Start(0, false, null);
        }
        RolloutProgress recorded = status.state().rollout();
        String where = "the release records step " + (recorded.step() + 1) + " of plan '" + plan.name() + "' ("
                + recorded.stepState() + ") on " + target.routingRef();
        if (recorded.run() == null || !recorded.run().equals(runId)) {
            return new Start(0, false, where + ", made by " + (recorded.run() == null ? "a run that recorded no id"
                    : "run " + recorded.run()) + ", not by this run (" + runId + "): starting over, approvals are asked again"
                    + (recorded.run() == null ? "" : "; to continue that run instead, resume it by its id"));
        }
        RunDigest was = recorded.digest();
        if (was == null || !Objects.equals(was.plan(), digest.plan())) {
            return new Start(0, false, where + ", but the plan changed since (digest " + (was == null ? "none" : was.plan())
                    + ", now " + digest.plan() + "): starting over, approvals are asked again");
        }
        if (!Objects.equals(was.podTemplate(), digest.podTemplate())) {
            return new Start(0, false, where + ", but the canary's pod template (image, env, args) changed since its"
                    + " approvals (digest " + was.podTemplate() + ", now " + digest.podTemplate()
                    + "): starting over, approvals are asked again");
        }
        int step = recorded.step();
        int start = Math.min(recorded.isDone() ? step + 1 : step, plan.steps().size());
        for (int i = 0; i < start; i++) {
            if (plan.steps().get(i) instanceof ApprovalStep && !proof.holds(i, digest.key())) {
                return new Start(0, false, where + ", and the approval of step " + (i + 1) + " as given, but this run's own"
                        + " record does not hold that approval: starting over, approvals are asked again");
            }
        }
        return new Start(start, true, null);
    }

    /** Re-running a plan that already promoted its canary changes nothing (runs are idempotent). */
    static boolean alreadyPromoted(RolloutPlan plan, ReleaseTarget target, ReleaseStatus status) {
        if (status == null || status.state() == null || status.state().rollout() == null) {
            return false;
        }
        return status.state().phase() == Phase.PROMOTED && plan.name().equals(status.state().rollout().plan())
                && target.canary() != null && target.canary().equals(status.state().stable());
    }

    /** The state records this plan (by name) and the release is neither promoted nor rolled back. */
    static boolean underWay(RolloutPlan plan, ReleaseStatus status) {
        if (status == null || status.state() == null || status.state().rollout() == null) {
            return false;
        }
        Phase phase = status.state().phase();
        return plan.name().equals(status.state().rollout().plan()) && phase != Phase.PROMOTED
                && phase != Phase.ROLLED_BACK;
    }
}
