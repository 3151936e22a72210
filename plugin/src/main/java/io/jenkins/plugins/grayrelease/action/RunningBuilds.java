package io.jenkins.plugins.grayrelease.action;

import hudson.model.Executor;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.grayrelease.ReleaseRolledBack;
import io.jenkins.plugins.grayrelease.approval.Approval;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import java.util.Set;

/**
 * What a roll back from the job page does to the job's running builds: every one that touches a
 * rolled-back target stops going forward, not only the last. The engine refuses their forward moves
 * anyway (a rollback wins); this makes them stop now rather than at their next write.
 */
final class RunningBuilds {

    /** Running builds are the newest; an older one still running after this many is not looked for. */
    private static final int BUILDS_TO_SEARCH = 100;

    private RunningBuilds() {
    }

    /**
     * @param targets the rolled-back targets ({@code namespace/service})
     * @param why     the sentence the builds show: who rolled back what, and when
     */
    static void stopGoingForward(Job<?, ?> job, Set<String> targets, String user, String why) {
        if (targets.isEmpty()) {
            return;
        }
        int seen = 0;
        for (Run<?, ?> build : job.getBuilds()) {
            if (seen++ >= BUILDS_TO_SEARCH) {
                break;
            }
            if (build.isBuilding()) {
                stop(build, targets, user, why);
            }
        }
    }

    private static void stop(Run<?, ?> build, Set<String> targets, String user, String why) {
        GrayReleaseAction action = build.getAction(GrayReleaseAction.class);
        if (action == null || action.getTargets().stream().noneMatch(t -> targets.contains(t.getLabel()))
                && action.getFleets().stream().noneMatch(f -> targets.contains(f.getId()))) {
            return;
        }
        boolean answered = false;
        for (Approval approval : action.getPendingApprovals()) {
            // A fleet's approval answers for its whole release: it is stopped when its fleet id was rolled back.
            boolean fleetRolledBack = approval.getFleet() != null && targets.contains(approval.getFleet());
            if (!fleetRolledBack && !approval.getTarget().isEmpty() && !targets.contains(approval.getTarget())) {
                continue;
            }
            if (approval.offers(DecisionKind.ROLLBACK)) {
                action.answer(approval, Decision.rollback(user), "emergency roll back");
            } else {
                // Never a decision the Jenkinsfile did not offer: the step fails, saying the release was rolled back.
                action.endWithoutAnswer(approval, why);
            }
            answered = true;
        }
        if (!answered) {
            // In a sleep, a rollout's pause or between steps: aborted now, with the reason on the build's page.
            Executor executor = build.getExecutor();
            if (executor != null) {
                executor.interrupt(Result.ABORTED, new ReleaseRolledBack(why));
            }
        }
    }
}
