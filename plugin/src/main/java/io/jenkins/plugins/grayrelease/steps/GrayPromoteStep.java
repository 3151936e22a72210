package io.jenkins.plugins.grayrelease.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code grayPromote(cleanup: false)}: all traffic to the canary, which becomes the recorded stable. */
public final class GrayPromoteStep extends Step {

    private boolean cleanup;
    private boolean dryRun;

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

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, new PromoteOptions(WriteOptions.defaults().withDryRun(dryRun), cleanup));
    }

    private static final class Execution extends ReleaseStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;
        private final transient PromoteOptions options;

        Execution(StepContext context, PromoteOptions options) {
            super(context, "grayPromote");
            this.options = options;
        }

        @Override
        protected Map<String, Object> perform(Operation op) throws Exception {
            OperationResult r = op.session.engine().promote(op.session.target(), options);
            op.report(r, options.cleanup() ? Messages.GrayPromoteStep_doneWithCleanup() : Messages.GrayPromoteStep_done());
            return StatusDocument.of(r);
        }
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
