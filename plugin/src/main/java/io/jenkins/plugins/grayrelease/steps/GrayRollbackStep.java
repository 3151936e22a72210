package io.jenkins.plugins.grayrelease.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.fleet.FleetStepExecution;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code grayRollback()}: all traffic back to stable; the engine's tester and mirror routes removed. */
public final class GrayRollbackStep extends RoutingStep {


    @DataBoundConstructor
    public GrayRollbackStep() {
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        if (FleetStepExecution.fleetOf(context) != null) {
            FleetStepExecution.refuseDryRun(isDryRun(), "grayRollback");
            return new FleetStepExecution(context, "grayRollback", null, release -> release.rollback());
        }
        WriteOptions options = writeOptions();
        return new RoutingStepExecution(context, "grayRollback", Messages.GrayRollbackStep_done(),
                (engine, target) -> engine.rollback(target, options));
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
