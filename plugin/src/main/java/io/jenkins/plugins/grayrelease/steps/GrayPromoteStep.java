package io.jenkins.plugins.grayrelease.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.AbortException;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import java.time.Duration;
import io.jenkins.plugins.grayrelease.fleet.FleetStepExecution;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import hudson.util.FormValidation;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.kohsuke.stapler.QueryParameter;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code grayPromote(cleanup: false)}: all traffic to the canary, which becomes the recorded stable. */
public final class GrayPromoteStep extends RoutingStep {

    private boolean cleanup;
    private String from;
    private String scaleDownDelay;

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

    public String getScaleDownDelay() {
        return scaleDownDelay;
    }

    /** Scale the old stable Deployment to 0 this long (e.g. 30s) after all traffic has left it; unset leaves it running. */
    @DataBoundSetter
    public void setScaleDownDelay(String scaleDownDelay) {
        this.scaleDownDelay = scaleDownDelay == null || scaleDownDelay.isBlank() ? null : scaleDownDelay.trim();
    }

    /** Checks the delay here, on the Pipeline thread, so a typo fails before anything connects. */
    @Override
    public StepExecution start(StepContext context) throws Exception {
        Duration delay = StepDurations.parse("grayPromote", "scaleDownDelay", scaleDownDelay, null);
        if (FleetStepExecution.fleetOf(context) != null) {
            FleetStepExecution.refuseDryRun(isDryRun(), "grayPromote");
            if (cleanup || from != null || delay != null) {
                throw new AbortException(Messages.GrayPromoteStep_optionsNotInFleet());
            }
            return new FleetStepExecution(context, "grayPromote", null, release -> release.promote());
        }
        PromoteOptions options = new PromoteOptions(writeOptions(), cleanup, from).withScaleDownDelay(delay);
        String what = cleanup ? Messages.GrayPromoteStep_doneWithCleanup() : Messages.GrayPromoteStep_done();
        return new RoutingStepExecution(context, "grayPromote", what, (engine, target) -> engine.promote(target, options));
    }

    @Extension
    @Symbol("grayPromote")
    public static final class DescriptorImpl extends ReleaseStepDescriptor implements CustomDescribableModel {

        @Override
        public String getFunctionName() {
            return "grayPromote";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GrayPromoteStep_displayName();
        }

        public FormValidation doCheckScaleDownDelay(@QueryParameter String value) {
            return StepDurations.check(value, null);
        }

        /** {@code scaleDownDelay: 30} reaches the step as text, so it gets the step's own message (a unit is needed). */
        @NonNull
        @Override
        public Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
            return StepDurations.numbersAsText(arguments, "scaleDownDelay");
        }
    }
}
