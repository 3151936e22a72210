package io.jenkins.plugins.grayrelease.rollout;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.util.Set;
import io.jenkins.plugins.grayrelease.fleet.FleetStepExecution;
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
 * {@code grayRollout 'rollout/reviews.yaml'} or {@code grayRollout(plan: '''…yaml…''')}: runs a
 * rollout plan (the format {@code grayctl rollout} reads) with approvals answered on the build
 * page. Returns the final status as a map when the canary was promoted; fails the build with the
 * runner's sentence when the plan rolled back or stopped, unless {@code propagate: false}, which
 * returns the map for every outcome (the {@code build} step's convention).
 */
public final class GrayRolloutStep extends Step {

    private final String plan;
    private String submitter;
    private boolean propagate = true;

    @DataBoundConstructor
    public GrayRolloutStep(String plan) {
        this.plan = plan;
    }

    public String getPlan() {
        return plan;
    }

    public String getSubmitter() {
        return submitter;
    }

    /**
     * Who may answer the plan's approvals; unset means the configured approvers, else anyone with
     * Build permission (see {@code ReleasePermissions}: Cancel also allows Roll back).
     */
    @DataBoundSetter
    public void setSubmitter(String submitter) {
        this.submitter = submitter == null || submitter.isBlank() ? null : submitter.trim();
    }

    public boolean isPropagate() {
        return propagate;
    }

    /** False: return the rollout document for every outcome instead of failing the build. */
    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        FleetStepExecution.refuseInFleet(context, "grayRollout");
        return new GrayRolloutExecution(context, plan, submitter, propagate);
    }

    @Extension
    @Symbol("grayRollout")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "grayRollout";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GrayRolloutStep_displayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            // FilePath is optional: only a plan given as a file name needs a workspace.
            return Set.of(Run.class, TaskListener.class, FlowNode.class, EnvVars.class);
        }

        public FormValidation doCheckPlan(@QueryParameter String value) {
            return value == null || value.isBlank()
                    ? FormValidation.error(Messages.GrayRolloutStep_planRequired())
                    : FormValidation.ok();
        }
    }
}
