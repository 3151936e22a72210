package io.jenkins.plugins.grayrelease;

import hudson.model.Result;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;

/**
 * Why a build stopped when its release was rolled back or aborted by someone else (the job page's
 * Roll back, another build, {@code grayctl rollback}): a rollback wins. The build ends ABORTED with
 * this sentence on its page and in its log, not FAILURE with a stack of retries.
 */
public final class ReleaseRolledBack extends CauseOfInterruption {

    private static final long serialVersionUID = 1L;

    private final String sentence;

    public ReleaseRolledBack(String sentence) {
        this.sentence = sentence;
    }

    @Override
    public String getShortDescription() {
        return sentence;
    }

    /** The interruption that ends a step (and so the build) for this reason. */
    public static FlowInterruptedException interruption(String sentence) {
        return new FlowInterruptedException(Result.ABORTED, true, new ReleaseRolledBack(sentence));
    }
}
