package io.jenkins.plugins.grayrelease.steps;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/** What every gray-release step inside {@code withGrayRelease} needs from the Pipeline. */
abstract class ReleaseStepDescriptor extends StepDescriptor {

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        // ReleaseSettings is checked by the step itself, to say "put it inside withGrayRelease".
        return Set.of(Run.class, TaskListener.class);
    }

}
