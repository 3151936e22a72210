package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import java.util.Optional;

/**
 * How a run ended.
 *
 * @param stoppedAtStep the step the run ended in (0-based); the plan's size when all steps ran
 * @param message one sentence for people, naming the reason and the release's state
 * @param status the release as it was left; null only when it could not be read
 * @param failedAnalysis the verdict that caused an automatic roll back
 * @param decision the approval decision that ended the run
 */
public record RolloutResult(Outcome outcome, int stoppedAtStep, String message, ReleaseStatus status,
        Optional<AnalysisVerdict> failedAnalysis, Optional<Decision> decision) {

    /** The end states; each maps to one exit code of {@code grayctl rollout}. */
    public enum Outcome {
        /** Every step ran and the canary was promoted. */
        PROMOTED,
        /**
         * An analysis failed (or stayed inconclusive), or the canary's pods stopped being ready, and the
         * release was rolled back; the message says which.
         */
        ROLLED_BACK_BY_ANALYSIS,
        /** An approval decided roll back (or timed out into it). */
        ROLLED_BACK_BY_DECISION,
        /** An approval decided abort (or timed out into it): traffic stays as it is. */
        ABORTED_BY_DECISION,
        /** The run was cancelled (Ctrl-C, Jenkins abort): traffic stays as it is; resumable. */
        CANCELLED,
        /** An operation failed (cluster unreachable, invalid release); nothing more was changed. */
        FAILED
    }

    public boolean succeeded() {
        return outcome == Outcome.PROMOTED;
    }
}
