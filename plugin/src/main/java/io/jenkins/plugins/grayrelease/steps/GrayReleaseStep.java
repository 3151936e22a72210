package io.jenkins.plugins.grayrelease.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.util.FormValidation;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.workload.CanaryScale;
import io.jenkins.plugins.grayrelease.fleet.FleetStepExecution;
import io.jenkins.plugins.grayrelease.core.routing.RouteChange;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code grayRelease(weight: 10, testers: [[name: 'x-tester', value: 'yes']], mirror: 5, dryRun: false)}
 * (or {@code removeTesters: true}):
 * shifts traffic to the canary. Only what is given changes, all of it in one guarded write (or
 * nothing, when anything is wrong); returns the resulting status as a map.
 */
public final class GrayReleaseStep extends RoutingStep {

    private Integer weight;
    private List<TesterCondition> testers;
    private boolean removeTesters;
    private Integer mirror;
    private boolean addCanarySubset;
    private String canaryScale;
    private Integer wave;

    @DataBoundConstructor
    public GrayReleaseStep() {
    }

    public Integer getWeight() {
        return weight;
    }

    /** Percent of the managed route's traffic for the canary, 0–100; unset leaves the weights alone. */
    @DataBoundSetter
    public void setWeight(Integer weight) {
        this.weight = weight;
    }

    public List<TesterCondition> getTesters() {
        return testers;
    }

    /**
     * Requests matching any condition go to the canary. An empty list counts as not given (the
     * Snippet Generator's form sends one when nobody added a condition); use removeTesters.
     */
    @DataBoundSetter
    public void setTesters(List<TesterCondition> testers) {
        this.testers = testers == null || testers.isEmpty() ? null : new ArrayList<>(testers);
    }

    public boolean isRemoveTesters() {
        return removeTesters;
    }

    /** Removes the engine's tester route. */
    @DataBoundSetter
    public void setRemoveTesters(boolean removeTesters) {
        this.removeTesters = removeTesters;
    }

    public Integer getMirror() {
        return mirror;
    }

    @DataBoundSetter
    public void setMirror(Integer mirror) {
        this.mirror = mirror;
    }

    public boolean isAddCanarySubset() {
        return addCanarySubset;
    }

    @DataBoundSetter
    public void setAddCanarySubset(boolean addCanarySubset) {
        this.addCanarySubset = addCanarySubset;
    }

    public String getCanaryScale() {
        return canaryScale;
    }

    /** {@code traffic} or a number of replicas: scale the canary Deployment for the new weight (over the block's canaryScale). */
    @DataBoundSetter
    public void setCanaryScale(String canaryScale) {
        this.canaryScale = canaryScale == null || canaryScale.isBlank() ? null : canaryScale.trim();
    }

    public Integer getWave() {
        return wave;
    }

    /**
     * Inside {@code withGrayRelease(targets: …)}: the wave (a {@code wave:} number of the targets) this
     * step and the ones after it write; unset: the current wave (the first at the start).
     */
    @DataBoundSetter
    public void setWave(Integer wave) {
        this.wave = wave;
    }

    /** Checks the tester conditions here, on the Pipeline thread, so bad input fails before anything connects. */
    @Override
    public StepExecution start(StepContext context) throws Exception {
        List<RouteChange> changes = new ArrayList<>();
        List<String> said = new ArrayList<>();
        if (weight != null) {
            changes.add(new RouteChange.SetWeight(weight));
            said.add(Messages.GrayReleaseStep_weight(weight));
        }
        if (testers != null) {
            TesterRoute route = testerRoute(testers);
            changes.add(new RouteChange.SetTesters(route));
            said.add(Messages.GrayReleaseStep_testers(TesterMatch.describe(route.matches())));
        }
        if (removeTesters) {
            changes.add(new RouteChange.RemoveTesters());
            said.add(Messages.GrayReleaseStep_removeTesters());
        }
        if (mirror != null) {
            changes.add(new RouteChange.SetMirror(mirror));
            said.add(mirror == 0 ? Messages.GrayReleaseStep_noMirror() : Messages.GrayReleaseStep_mirror(mirror));
        }
        WriteOptions options = writeOptions().withAddCanarySubset(addCanarySubset);
        if (canaryScale != null) {
            try {
                CanaryScale.parse(canaryScale);
            } catch (IllegalArgumentException e) {
                throw new AbortException("grayRelease: canaryScale: " + e.getMessage());
            }
        }
        if (FleetStepExecution.fleetOf(context) != null) {
            FleetStepExecution.refuseDryRun(isDryRun(), "grayRelease");
            // One weight is the coordinator's own step ("weight 10 % (wave 2)"); anything more is applied to the wave the same way.
            boolean weightOnly = weight != null && changes.size() == 1 && !addCanarySubset;
            String action = String.join(", ", said);
            return new FleetStepExecution(context, "grayRelease", wave, weightOnly ? release -> release.setWeight(weight)
                    : release -> release.applyToWave(action, t -> release.engine(t).apply(t.target(), changes,
                            release.writeOptions().withAddCanarySubset(addCanarySubset))));
        }
        if (wave != null) {
            throw new AbortException(Messages.GrayReleaseStep_waveOutsideFleet(wave));
        }
        return new RoutingStepExecution(context, "grayRelease", String.join(", ", said), canaryScale,
                (engine, target) -> engine.apply(target, changes, options));
    }

    private static TesterRoute testerRoute(List<TesterCondition> conditions) throws AbortException {
        List<TesterMatch> matches = new ArrayList<>();
        for (TesterCondition c : conditions) {
            try {
                matches.add(c.toMatch());
            } catch (IllegalArgumentException e) {
                throw new AbortException("grayRelease: " + e.getMessage());
            }
        }
        return new TesterRoute(matches);
    }

    @Extension
    @Symbol("grayRelease")
    public static final class DescriptorImpl extends ReleaseStepDescriptor {

        @Override
        public String getFunctionName() {
            return "grayRelease";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GrayReleaseStep_displayName();
        }

        public FormValidation doCheckCanaryScale(@QueryParameter String value) {
            return scale(value);
        }

        /** Blank, {@code traffic} or a number of replicas. */
        static FormValidation scale(String value) {
            if (value == null || value.isBlank()) {
                return FormValidation.ok();
            }
            try {
                CanaryScale.parse(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        public FormValidation doCheckWeight(@QueryParameter String value) {
            return percent(value);
        }

        public FormValidation doCheckMirror(@QueryParameter String value) {
            return percent(value);
        }

        static FormValidation percent(String value) {
            if (value == null || value.isBlank()) {
                return FormValidation.ok();
            }
            try {
                int v = Integer.parseInt(value.trim());
                return v >= 0 && v <= 100 ? FormValidation.ok() : FormValidation.error(Messages.GrayReleaseStep_percent());
            } catch (NumberFormatException e) {
                return FormValidation.error(Messages.GrayReleaseStep_percent());
            }
        }
    }
}
