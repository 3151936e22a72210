package io.jenkins.plugins.grayrelease.steps;

import io.jenkins.plugins.grayrelease.core.WriteOptions;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step that writes routing ({@code grayRelease}, {@code grayPromote}, {@code grayRollback}) and
 * therefore offers {@code dryRun}. Public because Stapler and the Pipeline's data binding call the
 * inherited setter by reflection from their own packages.
 */
public abstract class RoutingStep extends Step {

    private boolean dryRun;

    public boolean isDryRun() {
        return dryRun;
    }

    /** Show the patch and diff, and write nothing. */
    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** The engine's write options with this step's dry-run choice. */
    WriteOptions writeOptions() {
        return WriteOptions.defaults().withDryRun(dryRun);
    }
}
