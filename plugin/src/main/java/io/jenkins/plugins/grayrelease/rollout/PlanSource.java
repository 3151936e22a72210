package io.jenkins.plugins.grayrelease.rollout;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DestinationSpec;
import io.jenkins.plugins.grayrelease.core.errors.InvalidPlanException;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PrometheusSpec;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.rollout.plan.TargetSpec;
import java.io.IOException;

/**
 * The {@code plan} argument: inline YAML (it has a line break or a colon) or the path of a file in
 * the workspace. Read on the rollout's own thread, never on the Pipeline thread, because reading
 * a workspace file may talk to an agent.
 */
final class PlanSource {

    private final String text;
    private final String source;

    private PlanSource(String text, String source) {
        this.text = text;
        this.source = source;
    }

    static boolean isInline(String plan) {
        return plan.contains("\n") || plan.contains(":");
    }

    static PlanSource read(String plan, @CheckForNull FilePath workspace) throws IOException, InterruptedException {
        if (isInline(plan)) {
            return new PlanSource(plan, "grayRollout plan");
        }
        if (workspace == null) {
            throw new AbortException(Messages.PlanSource_noWorkspace(plan));
        }
        FilePath file = workspace.child(plan);
        if (!file.exists()) {
            throw new AbortException(Messages.PlanSource_noSuchFile(plan, workspace.getRemote()));
        }
        return new PlanSource(file.readToString(), plan);
    }

    /**
     * Parses the plan; a plan without {@code target} takes {@code enclosing} (withGrayRelease's),
     * one without {@code prometheus} the configured one.
     *
     * @throws AbortException with the parser's sentence (line, field, fix)
     */
    RolloutPlan parse(@CheckForNull TargetSpec enclosing, @CheckForNull PrometheusSpec prometheus) throws AbortException {
        try {
            return new PlanParser().parse(text, source, enclosing, prometheus);
        } catch (InvalidPlanException e) {
            throw new AbortException("grayRollout: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new AbortException("grayRollout: " + source + ": " + e.getMessage());
        }
    }

    /** withGrayRelease's target in the plan's terms, or null when it leaves stable or canary to the recorded state. */
    @CheckForNull
    static TargetSpec targetOf(ReleaseTarget t) {
        if (t.stable() == null || t.canary() == null) {
            return null;
        }
        return new TargetSpec(t.namespace(), t.service(), t.virtualService(), t.destinationRule(), t.route(),
                spec(t.stable(), t.service()), spec(t.canary(), t.service()), t.canaryVersion(),
                t.layout() == null ? null : t.layout().spelling(), t.httpRoute());
    }

    private static DestinationSpec spec(Destination d, String service) {
        return d.hasSubset() && d.host().equals(service) ? DestinationSpec.subsetOnly(d.subset())
                : new DestinationSpec(d.host(), d.subset());
    }
}
