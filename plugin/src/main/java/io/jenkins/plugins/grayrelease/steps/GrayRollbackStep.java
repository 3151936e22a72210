package io.jenkins.plugins.grayrelease.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code grayRollback()}: all traffic back to stable; the engine's tester and mirror routes removed. */
public final class GrayRollbackStep extends Step {

    private boolean dryRun;

    @DataBoundConstructor
    public GrayRollbackStep() {
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
        return new Execution(context, dryRun);
    }

    private static final class Execution extends ReleaseStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;
        private final boolean dryRun;

        Execution(StepContext context, boolean dryRun) {
            super(context, "grayRollback");
            this.dryRun = dryRun;
        }

        @Override
        protected Map<String, Object> perform(Operation op) throws Exception {
            OperationResult r = op.session.engine().rollback(op.session.target(), WriteOptions.defaults().withDryRun(dryRun));
            op.report(r, Messages.GrayRollbackStep_done());
            return StatusDocument.of(r);
        }
    }

    @Extension
    @Symbol("grayRollback")
    public static final class DescriptorImpl extends ReleaseStepDescriptor {

        @Override
        public String getFunctionName() {
            return "grayRollback";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GrayRollbackStep_displayName();
        }
    }
}
