package io.jenkins.plugins.grayrelease.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.util.FormValidation;
import io.jenkins.plugins.grayrelease.core.GrayRelease;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code grayRelease(weight: 10, testers: [[name: 'x-tester', value: 'yes']], mirror: 5, dryRun: false)}
 * (or {@code removeTesters: true}):
 * shifts traffic to the canary. Only what is given changes; returns the resulting status as a map.
 */
public final class GrayReleaseStep extends Step {

    private Integer weight;
    private List<TesterCondition> testers;
    private boolean removeTesters;
    private Integer mirror;
    private boolean dryRun;
    private boolean addCanarySubset;

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

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public boolean isAddCanarySubset() {
        return addCanarySubset;
    }

    @DataBoundSetter
    public void setAddCanarySubset(boolean addCanarySubset) {
        this.addCanarySubset = addCanarySubset;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static final class Execution extends ReleaseStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;
        private final transient GrayReleaseStep step;

        Execution(StepContext context, GrayReleaseStep step) {
            super(context, "grayRelease");
            this.step = step;
        }

        @Override
        protected Map<String, Object> perform(Operation op) throws Exception {
            if (step.weight == null && step.testers == null && step.mirror == null && !step.removeTesters) {
                throw new AbortException("grayRelease: nothing to do. Give weight: (0–100), testers:, removeTesters: true or mirror:");
            }
            if (step.testers != null && step.removeTesters) {
                throw new AbortException("grayRelease: testers: and removeTesters: true contradict each other. Give one of them");
            }
            GrayRelease engine = op.session.engine();
            ReleaseTarget target = op.session.target();
            WriteOptions options = WriteOptions.defaults().withDryRun(step.dryRun).withAddCanarySubset(step.addCanarySubset);
            OperationResult last = null;
            boolean changed = false;
            StringBuilder diff = new StringBuilder();
            if (step.weight != null) {
                last = engine.setWeight(target, step.weight, options);
                changed |= note(op, last, "set canary weight to " + step.weight + " %", diff);
            }
            if (step.testers != null) {
                last = engine.setTesters(target, testerRoute(step.testers), options);
                changed |= note(op, last, "sent testers (" + step.testers.size() + " condition(s)) to the canary", diff);
            }
            if (step.removeTesters) {
                last = engine.removeTesters(target, options);
                changed |= note(op, last, "removed the tester route", diff);
            }
            if (step.mirror != null) {
                last = engine.setMirror(target, step.mirror, options);
                changed |= note(op, last, step.mirror == 0 ? "stopped mirroring" : "mirrored " + step.mirror + " % to the canary", diff);
            }
            Map<String, Object> result = StatusMaps.of(last);
            result.put("changed", changed);
            result.put("diff", diff.toString());
            return result;
        }

        private static boolean note(Operation op, OperationResult r, String what, StringBuilder diff) {
            op.report(r, what);
            diff.append(r.change() == null ? "" : r.change().diff());
            return r.changed();
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
            return "Gray release: shift traffic to the canary";
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
                return v >= 0 && v <= 100 ? FormValidation.ok() : FormValidation.error("A whole number of percent between 0 and 100");
            } catch (NumberFormatException e) {
                return FormValidation.error("A whole number of percent between 0 and 100");
            }
        }
    }
}
