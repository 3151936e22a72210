package io.jenkins.plugins.grayrelease.approval;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import io.jenkins.plugins.grayrelease.steps.StepDurations;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * {@code def d = grayApproval(message: 'Promote?', submitter: 'alice,release-managers', timeout: '1h', choices: ['promote', 'rollback'])}:
 * waits, without an executor, for a person to press Promote, Roll back or Set weight on the
 * build's Gray Release page, and returns the decision as a map ({@code d.decision},
 * {@code d.weight}, {@code d.decidedBy}, {@code d.timedOut}). Survives a controller restart.
 * The decision is the Jenkinsfile's to act on.
 */
public final class GrayApprovalStep extends Step {

    /** What a person may choose when the step does not narrow it: everything but abort. */
    static final List<String> DEFAULT_CHOICES = List.of(DecisionKind.PROMOTE.planName(), DecisionKind.ROLLBACK.planName(),
            DecisionKind.SET_WEIGHT.planName());

    private String message = Messages.GrayApprovalStep_defaultMessage();
    private String submitter;
    /** In the plan's form ({@code 30m}, {@code 90s}); null waits forever. */
    private String timeout;
    private List<String> choices = DEFAULT_CHOICES;

    @DataBoundConstructor
    public GrayApprovalStep() {
    }

    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(String message) {
        this.message = message == null || message.isBlank() ? Messages.GrayApprovalStep_defaultMessage() : message;
    }

    public String getSubmitter() {
        return submitter;
    }

    /** Comma-separated user ids or group names; unset means the configured approvers, else anyone with Build permission. */
    @DataBoundSetter
    public void setSubmitter(String submitter) {
        this.submitter = submitter == null || submitter.isBlank() ? null : submitter.trim();
    }

    public String getTimeout() {
        return timeout;
    }

    /**
     * How long to wait, in the plan's form ({@code 90s}, {@code 30m}, {@code 1h30m}); a whole number is
     * minutes, as it always was, and is kept in the plan's form ({@code 30} becomes {@code 30m}); blank or
     * zero waits forever. Without an answer in time the engine's rule decides (rollback). Checked when
     * the step starts, so a typo fails the step with its own message.
     */
    @DataBoundSetter
    public void setTimeout(String timeout) {
        String t = timeout == null ? "" : timeout.trim();
        if (t.matches("\\d+")) {
            t = Long.parseLong(t) == 0 ? "" : Long.parseLong(t) + "m";
        }
        this.timeout = t.isEmpty() ? null : t;
    }

    public List<String> getChoices() {
        return choices;
    }

    /** Decisions offered, in the engine's spelling: promote, rollback, setWeight, abort. */
    @DataBoundSetter
    public void setChoices(List<String> choices) {
        this.choices = choices == null || choices.isEmpty() ? DEFAULT_CHOICES : List.copyOf(choices);
    }

    /**
     * The choices as the engine's decisions.
     *
     * @throws IllegalArgumentException naming an unknown choice and the known ones
     */
    static List<DecisionKind> kinds(List<String> choices) {
        List<DecisionKind> kinds = new ArrayList<>();
        for (String c : choices) {
            DecisionKind k = DecisionKind.parse(c);
            if (!kinds.contains(k)) {
                kinds.add(k);
            }
        }
        return kinds;
    }

    @Override
    public StepExecution start(StepContext context) throws AbortException {
        Duration limit = StepDurations.parse("grayApproval", "timeout", timeout, ChronoUnit.MINUTES);
        return new GrayApprovalExecution(context, message, submitter, limit == null ? Duration.ZERO : limit, choices);
    }

    @Extension
    @Symbol("grayApproval")
    public static final class DescriptorImpl extends StepDescriptor implements CustomDescribableModel {

        @Override
        public String getFunctionName() {
            return "grayApproval";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GrayApprovalStep_displayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        /** The form's checkboxes send one value for one ticked box and a list for several; the step takes a list. */
        @Override
        public Step newInstance(StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            Object ticked = formData.opt("choices");
            if (ticked != null && !(ticked instanceof JSONArray)) {
                JSONArray one = new JSONArray();
                one.add(ticked);
                formData.put("choices", one);
            }
            return super.newInstance(req, formData);
        }

        public boolean offers(GrayApprovalStep instance, String choice) {
            return (instance == null ? DEFAULT_CHOICES : instance.getChoices()).contains(choice);
        }

        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return StepDurations.check(value, ChronoUnit.MINUTES);
        }

        /** {@code timeout: 30}, the documented whole minutes, reaches the String parameter as {@code '30'}. */
        @NonNull
        @Override
        public Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
            return StepDurations.numbersAsText(arguments, "timeout");
        }
    }
}
