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

    @DataBoundConstructor
    public GrayPromoteStep() {
    }

    public boolean isCleanup() {
        return cleanup;
    }

    /** Delete the old stable Deployment once all traffic is on the canary. */
    @DataBoundSetter
    public void setCleanup(boolean cleanup) {
        this.cleanup = cleanup;
    }

    @Override
    public StepExecution start(StepContext context) {
        PromoteOptions options = new PromoteOptions(writeOptions(), cleanup);
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
