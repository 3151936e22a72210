package io.jenkins.plugins.grayrelease.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code grayPromote(cleanup: false)}: all traffic to the canary, which becomes the recorded stable. */
public final class GrayPromoteStep extends RoutingStep {

    private boolean cleanup;
    private String from;

    @DataBoundConstructor
    public GrayPromoteStep() {
    }

    public boolean isCleanup() {
        return cleanup;
    }

    /** Delete the old stable Deployment once all traffic is on the canary (see {@link PromoteOptions#cleanup}). */
    @DataBoundSetter
    public void setCleanup(boolean cleanup) {
        this.cleanup = cleanup;
    }

    public String getFrom() {
        return from;
    }

    /** With cleanup: the old stable Deployment to delete, by name; null to let the engine find it. */
    @DataBoundSetter
    public void setFrom(String from) {
        this.from = from == null || from.isBlank() ? null : from.trim();
    }

    @Override
    public StepExecution start(StepContext context) {
        PromoteOptions options = new PromoteOptions(writeOptions(), cleanup, from);
        String what = cleanup ? Messages.GrayPromoteStep_doneWithCleanup() : Messages.GrayPromoteStep_done();
        return new RoutingStepExecution(context, "grayPromote", what, session -> session.engine().promote(session.target(), options));
    }

    @Extension
    @Symbol("grayPromote")
    public static final class DescriptorImpl extends ReleaseStepDescriptor {

        @Override
        public String getFunctionName() {
            return "grayPromote";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GrayPromoteStep_displayName();
        }
    }
}
