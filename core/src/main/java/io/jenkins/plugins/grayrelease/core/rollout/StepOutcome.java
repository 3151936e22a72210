package io.jenkins.plugins.grayrelease.core.rollout;

import java.util.Optional;

/**
 * What a step asks the runner to do next: carry on (recording {@code decision} for approvals),
 * or end the run with {@code result}.
 */
record StepOutcome(Optional<RolloutResult> end, String decision) {
    static StepOutcome carryOn() {
        return new StepOutcome(Optional.empty(), null);
    }

    static StepOutcome carryOn(Decision decision) {
        return new StepOutcome(Optional.empty(), decision.describe());
    }

    static StepOutcome end(RolloutResult result) {
        return new StepOutcome(Optional.of(result), null);
    }
}
