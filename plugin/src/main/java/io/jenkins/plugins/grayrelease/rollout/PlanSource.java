package io.jenkins.plugins.grayrelease.rollout;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.grayrelease.core.rollout.plan.InvalidPlanException;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import java.io.IOException;

/**
 * Reads the {@code plan} argument: inline YAML (it has a line break or a colon) or the path of a
 * file in the workspace. Called on the rollout's own thread, never on the Pipeline thread,
 * because reading a workspace file may talk to an agent.
 */
final class PlanSource {

    private PlanSource() {
    }

    static boolean isInline(String plan) {
        return plan.contains("\n") || plan.contains(":");
    }

    static RolloutPlan read(String plan, @CheckForNull FilePath workspace) throws IOException, InterruptedException {
        String text;
        String source;
        if (isInline(plan)) {
            text = plan;
            source = "grayRollout plan";
        } else {
            if (workspace == null) {
                throw new AbortException("grayRollout: plan '" + plan + "' is a file name, but there is no workspace here."
                        + " Run it inside node { } or pass the YAML: grayRollout(plan: readFile('" + plan + "'))");
            }
            FilePath file = workspace.child(plan);
            if (!file.exists()) {
                throw new AbortException("grayRollout: plan file '" + plan + "' does not exist in the workspace " + workspace.getRemote()
                        + ". Check the path, or check the file out first");
            }
            text = file.readToString();
            source = plan;
        }
        try {
            return new PlanParser().parse(text, source);
        } catch (InvalidPlanException e) {
            throw new AbortException("grayRollout: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new AbortException("grayRollout: " + source + ": " + e.getMessage());
        }
    }
}
