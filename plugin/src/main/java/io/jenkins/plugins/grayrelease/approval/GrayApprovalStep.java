package io.jenkins.plugins.grayrelease.approval;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code def d = grayApproval(message: 'Promote?', submitter: 'alice,release-managers', timeout: 60, choices: 'promote,rollback')}:
 * waits, without an executor, for a person to press Promote, Roll back or Set weight on the
 * build's Gray Release page, and returns {@code 'promote'}, {@code 'rollback'} or the weight
 * ({@code '30'}). Survives a controller restart. The decision is the Jenkinsfile's to act on.
 */
public final class GrayApprovalStep extends Step {

    private String message = "Promote the canary?";
    private String submitter;
    private int timeout;
    private String choices = Approval.ALL_CHOICES;

    @DataBoundConstructor
    public GrayApprovalStep() {
    }

    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(String message) {
        this.message = message == null || message.isBlank() ? "Promote the canary?" : message;
    }

    public String getSubmitter() {
        return submitter;
    }

    /** Comma-separated user ids or group names; unset means anyone with Build permission on the job. */
    @DataBoundSetter
    public void setSubmitter(String submitter) {
        this.submitter = submitter == null || submitter.isBlank() ? null : submitter.trim();
    }

    public int getTimeout() {
        return timeout;
    }

    /** Minutes to wait; 0 waits forever. Without an answer in time the decision is rollback. */
    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = Math.max(0, timeout);
    }

    public String getChoices() {
        return choices;
    }

    @DataBoundSetter
    public void setChoices(String choices) {
        this.choices = choices == null || choices.isBlank() ? Approval.ALL_CHOICES : choices.trim();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new GrayApprovalExecution(context, message, submitter, timeout, choices);
    }

    @Extension
    @Symbol("grayApproval")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "grayApproval";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Gray release: wait for a person's decision";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        public FormValidation doCheckChoices(@QueryParameter String value) {
            try {
                Approval.validateChoices(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        public FormValidation doCheckTimeout(@QueryParameter String value) {
            if (value == null || value.isBlank()) {
                return FormValidation.ok();
            }
            try {
                return Integer.parseInt(value.trim()) >= 0 ? FormValidation.ok() : FormValidation.error("Minutes, 0 or more (0 waits forever)");
            } catch (NumberFormatException e) {
                return FormValidation.error("A whole number of minutes (0 waits forever)");
            }
        }
    }
}
