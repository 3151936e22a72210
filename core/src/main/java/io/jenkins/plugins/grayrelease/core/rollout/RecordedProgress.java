package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;

/** Reads a plan's progress from the release state recorded on the VirtualService: where a run resumes. */
final class RecordedProgress {
    private RecordedProgress() {}

    /**
     * Where to start: after the last step recorded as done, or at a step recorded as running,
     * when the state belongs to this plan and the release is still under way.
     */
    static int resumePoint(RolloutPlan plan, ReleaseTarget target, ReleaseStatus status) {
        if (!underWay(plan, status)) {
            return 0;
        }
        RolloutProgress recorded = status.state().rollout();
        int step = recorded.step();
        if (step < plan.steps().size() && !plan.steps().get(step).kind().equals(recorded.stepType())) {
            throw new InvalidReleaseException(target.virtualServiceRef(), "release state: rollout.step",
                    "the cluster records step " + (step + 1) + " (" + recorded.stepType() + ") of plan '"
                            + plan.name() + "', but that step of this plan is " + plan.steps().get(step).kind(),
                    "the plan changed since it ran: give it a new name to start over, or roll the release back first");
        }
        return Math.min(recorded.isDone() ? step + 1 : step, plan.steps().size());
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
