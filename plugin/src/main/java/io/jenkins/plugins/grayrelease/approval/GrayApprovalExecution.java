package io.jenkins.plugins.grayrelease.approval;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.grayrelease.ConsoleLinks;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.AbstractStepExecutionImpl;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Waits for an approval. Holds only the approval's id: the approval itself lives in the build's
 * record, so an answer given while the controller was down is found on resume.
 */
final class GrayApprovalExecution extends AbstractStepExecutionImpl {

    private static final long serialVersionUID = 1L;

    private final String message;
    private final String submitter;
    private final int timeoutMinutes;
    private final String choices;
    private String approvalId;

    GrayApprovalExecution(StepContext context, String message, String submitter, int timeoutMinutes, String choices) {
        super(context);
        this.message = message;
        this.submitter = submitter;
        this.timeoutMinutes = timeoutMinutes;
        this.choices = choices;
    }

    @Override
    public boolean start() throws Exception {
        try {
            Approval.validateChoices(choices);
        } catch (IllegalArgumentException e) {
            throw new AbortException("grayApproval: " + e.getMessage());
        }
        Run<?, ?> run = getContext().get(Run.class);
        ReleaseSettings settings = getContext().get(ReleaseSettings.class);
        approvalId = "approval-" + getContext().get(FlowNode.class).getId();
        Approval approval = GrayReleaseAction.of(run).addApproval(new Approval(approvalId,
                settings == null ? "" : settings.label(), message, submitter, choices, System.currentTimeMillis(), timeoutMinutes));
        TaskListener listener = getContext().get(TaskListener.class);
        listener.getLogger().println("[gray release] Waiting for a decision: " + message + " — " + ConsoleLinks.approval(run, approval)
                + (approval.getSubmitters().isEmpty() ? "" : " (may answer: " + String.join(", ", approval.getSubmitters()) + ")")
                + (timeoutMinutes > 0 ? " — rolls back after " + timeoutMinutes + " min without an answer" : ""));
        listen(run, approval);
        return false;
    }

    @Override
    public void onResume() {
        try {
            Run<?, ?> run = getContext().get(Run.class);
            Approval approval = GrayReleaseAction.of(run).getApproval(approvalId);
            if (approval == null) {
                getContext().onFailure(new AbortException("grayApproval: the approval '" + approvalId
                        + "' is missing from this build's record after the restart; run the build again"));
                return;
            }
            // A waiter left from before the restart belongs to a dead program; only this one may answer.
            ApprovalWaiters.forget(run, approvalId);
            listen(run, approval);
        } catch (Exception e) {
            getContext().onFailure(e);
        }
    }

    private void listen(Run<?, ?> run, Approval approval) {
        ApprovalWaiters.await(run, approval).thenAccept(decision -> finish(approval, decision));
        ApprovalTimeouts.schedule(run, approval);
    }

    private void finish(Approval approval, Decision decision) {
        try {
            getContext().get(TaskListener.class).getLogger().println("[gray release] " + approval.getMessage() + " → " + decision
                    + " by " + approval.getDecidedBy() + (approval.getNote() == null ? "" : " (" + approval.getNote() + ")"));
        } catch (Exception e) {
            // The log line is a courtesy; the decision still goes to the Jenkinsfile.
        }
        getContext().onSuccess(decision.toString());
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        Approval approval = approvalId == null ? null : GrayReleaseAction.of(run).getApproval(approvalId);
        if (approval != null) {
            ApprovalBook.cancel(run, approval, "the build was stopped before anyone answered");
        }
        getContext().onFailure(cause);
    }

    @Override
    public String getStatus() {
        return "waiting for a decision on the Gray Release page: " + message;
    }
}
