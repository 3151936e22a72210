package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import java.util.Objects;

/**
 * What was decided at an approval, and by whom.
 *
 * @param weight the canary weight for {@link DecisionKind#SET_WEIGHT}; 0 otherwise
 * @param decidedBy a user id, {@code --yes}, or {@code timeout}
 * @param timedOut true when nobody decided and the step's default was taken
 */
public record Decision(DecisionKind kind, int weight, String decidedBy, boolean timedOut) {
    public Decision {
        Objects.requireNonNull(kind, "kind");
        decidedBy = decidedBy == null || decidedBy.isBlank() ? "unknown" : decidedBy;
        if (kind == DecisionKind.SET_WEIGHT && (weight < 0 || weight > 100)) {
            throw new IllegalArgumentException("a weight decision needs a whole percentage from 0 to 100, got " + weight);
        }
        if (kind != DecisionKind.SET_WEIGHT) {
            weight = 0;
        }
    }

    public static Decision promote(String by) {
        return new Decision(DecisionKind.PROMOTE, 0, by, false);
    }

    public static Decision rollback(String by) {
        return new Decision(DecisionKind.ROLLBACK, 0, by, false);
    }

    public static Decision setWeight(int weight, String by) {
        return new Decision(DecisionKind.SET_WEIGHT, weight, by, false);
    }

    public static Decision abort(String by) {
        return new Decision(DecisionKind.ABORT, 0, by, false);
    }

    /** As recorded in the release state and printed: {@code promote}, {@code setWeight 30}. */
    public String describe() {
        return kind == DecisionKind.SET_WEIGHT ? kind.planName() + " " + weight : kind.planName();
    }
}
