package io.jenkins.plugins.grayrelease.rollout;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.grayrelease.ConsoleLinks;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.approval.Approval;
import io.jenkins.plugins.grayrelease.approval.ApprovalWaiters;
import io.jenkins.plugins.grayrelease.approval.Question;
import io.jenkins.plugins.grayrelease.core.rollout.ApprovalRequest;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.core.rollout.Gate;
import java.util.function.BooleanSupplier;

/**
 * The plan's approvals as buttons on the build page. Each approval step gets a fixed id, so a
 * rollout resumed after a restart finds the answer given before it instead of asking again.
 * Timeouts are the runner's: it interrupts the wait and applies the plan's {@code onTimeout}.
 */
final class JenkinsGate implements Gate {

    private final Run<?, ?> run;
    private final TaskListener listener;
    private final String idPrefix;
    private final String target;
    private final String submitter;
    private final BooleanSupplier detached;

    JenkinsGate(Run<?, ?> run, TaskListener listener, String idPrefix, String target, String submitter, BooleanSupplier detached) {
        this.run = run;
        this.listener = listener;
        this.idPrefix = idPrefix;
        this.target = target;
        this.submitter = submitter;
        this.detached = detached;
    }

    @Override
    public Decision decide(ApprovalRequest request) throws InterruptedException {
        Question question = Question.ofPlanStep(request.message(), submitter, request::allows, request.timeout());
        GrayReleaseAction action = GrayReleaseAction.of(run);
        Approval approval = action.addApproval(new Approval(approvalId(idPrefix, request.step(), request.givenFor()), target, question,
                System.currentTimeMillis()));
        listener.getLogger().println(Messages.JenkinsGate_waiting(request.message(), ConsoleLinks.approval(run, approval)));
        return ApprovalWaiters.answerFor(run, approval, detached, Messages.JenkinsGate_stoppedWaiting(),
                Messages.JenkinsGate_shuttingDown());
    }

    /**
     * The approval's id in the build's record: per plan step and per what it approves (the plan's and
     * the canary pod template's digests), so that an answer given for one canary is never found for another.
     */
    static String approvalId(String idPrefix, int step, String givenFor) {
        return idPrefix + "-step" + (step + 1) + (givenFor == null || givenFor.isEmpty() ? "" : "-" + givenFor);
    }

    /** Whether the build's own record (build.xml) holds an answer to that approval: the proof a resumed run needs to skip it. */
    static boolean answered(Run<?, ?> run, String idPrefix, int step, String givenFor) {
        GrayReleaseAction action = run.getAction(GrayReleaseAction.class);
        Approval approval = action == null ? null : action.getApproval(approvalId(idPrefix, step, givenFor));
        return approval != null && approval.getDecision() != null;
    }
}
