package io.jenkins.plugins.grayrelease.approval;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.grayrelease.ConsoleLinks;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.config.ReleaseDefaults;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.fleet.FleetSettings;
import io.jenkins.plugins.grayrelease.fleet.FleetStepExecution;
import io.jenkins.plugins.grayrelease.core.support.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.AbstractStepExecutionImpl;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Waits for an approval. Holds only the approval's id: the approval itself lives in the build's
 * record, so an answer given while the controller was down is found on resume.
 */
final class GrayApprovalExecution extends AbstractStepExecutionImpl {

    // Unchanged when timeoutMinutes became timeoutMillis: a build waiting across the upgrade still loads, and
    // the timeout is read only in start(); the approval's own record keeps the deadline.
    private static final long serialVersionUID = 2L;

    private final String message;
    private final String submitter;
    /** Milliseconds; 0 waits forever. Kept as a plain value in the program's state. */
    private final long timeoutMillis;
    private final List<String> choices;
    private String approvalId;

    GrayApprovalExecution(StepContext context, String message, String submitter, Duration timeout, List<String> choices) {
        super(context);
        this.message = message;
        this.submitter = submitter;
        this.timeoutMillis = timeout.toMillis();
        this.choices = List.copyOf(choices);
    }

    @Override
    public boolean start() throws Exception {
        Question question;
        Run<?, ?> run = getContext().get(Run.class);
        try {
            String who = submitter != null ? submitter : ReleaseDefaults.forItem(run.getParent()).getApprovers();
            question = new Question(message, who, GrayApprovalStep.kinds(choices), Duration.ofMillis(timeoutMillis));
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.GrayApprovalExecution_badChoices(e.getMessage()));
        }
        ReleaseSettings settings = getContext().get(ReleaseSettings.class);
        FleetSettings fleet = FleetStepExecution.fleetOf(getContext());
        approvalId = "approval-" + getContext().get(FlowNode.class).getId();
        // Inside a fleet block the approval answers for the fleet's current wave, shown once under the fleet's table.
        Approval asked = new Approval(approvalId, fleet != null ? fleet.currentWaveLabel() : settings == null ? "" : settings.label(),
                question, ApprovalTimeouts.now());
        asked.setFleet(fleet == null ? null : fleet.id());
        Approval approval = GrayReleaseAction.of(run).addApproval(asked);
        TaskListener listener = getContext().get(TaskListener.class);
        listener.getLogger().println(Messages.GrayApprovalExecution_waiting(message, ConsoleLinks.approval(run, approval))
                + (approval.getSubmitters().isEmpty() ? "" : Messages.GrayApprovalExecution_mayAnswer(String.join(", ", approval.getSubmitters())))
                + (timeoutMillis > 0 ? Messages.GrayApprovalExecution_timeout(Durations.format(Duration.ofMillis(timeoutMillis))) : ""));
        listen(run, approval);
        return false;
    }

    @Override
    public void onResume() {
        try {
            Run<?, ?> run = getContext().get(Run.class);
            Approval approval = GrayReleaseAction.of(run).getApproval(approvalId);
            if (approval == null) {
                getContext().onFailure(new AbortException(Messages.GrayApprovalExecution_missingAfterRestart(approvalId)));
                return;
            }
            // A waiter left from before the restart belongs to a dead program; only this one may answer.
            ApprovalWaiters.forget(run, approvalId);
            listen(run, approval);
        } catch (IOException | InterruptedException e) {
            getContext().onFailure(e);
        }
    }

    private void listen(Run<?, ?> run, Approval approval) {
        if (approval.isCancelled() && approval.getNote() != null) {
            // Ended while the controller was away (the release was rolled back): the step fails saying so.
            getContext().onFailure(new AbortException(approval.getNote()));
            return;
        }
        ApprovalWaiters.await(run, approval).whenComplete((decision, error) -> {
            if (error == null) {
                finish(approval, decision);
            } else if (!(error instanceof CancellationException)) {
                // The release was rolled back and this approval does not offer rollback: never a decision it did not offer.
                getContext().onFailure(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        });
        ApprovalTimeouts.schedule(run, approval);
    }

    private void finish(Approval approval, Decision decision) {
        try {
            getContext().get(TaskListener.class).getLogger().println(Messages.GrayApprovalExecution_decided(approval.getMessage(),
                    decision.describe(), decision.decidedBy()) + (approval.getNote() == null ? "" : " (" + approval.getNote() + ")"));
        } catch (IOException | InterruptedException e) {
            // The log line is a courtesy; the decision still goes to the Jenkinsfile.
        }
        getContext().onSuccess(new ApprovalResult(decision));
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        Approval approval = approvalId == null ? null : GrayReleaseAction.of(run).getApproval(approvalId);
        if (approval != null) {
            GrayReleaseAction.of(run).close(approval, Messages.GrayApprovalExecution_stopped());
        }
        getContext().onFailure(cause);
    }

    @Override
    public String getStatus() {
        return Messages.GrayApprovalExecution_status(message);
    }
}
