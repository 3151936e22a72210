package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.support.Durations;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What was decided at an approval, and by whom. The one decision vocabulary of every front end:
 * the terminal prompt, Jenkins' buttons and the {@code grayApproval} step; scripts receive it as
 * {@link io.jenkins.plugins.grayrelease.core.status.StatusDocument#decision}.
 *
 * @param weight the canary weight for {@link DecisionKind#SET_WEIGHT}; 0 otherwise
 * @param decidedBy a user id, {@code --yes}, or {@code timeout}
 * @param timedOut true when nobody decided and the step's default was taken
 */
public record Decision(DecisionKind kind, int weight, String decidedBy, boolean timedOut) {

    /**
     * Taken when nobody answers and the approval names no {@code onTimeout}: an unattended
     * release never goes further on its own.
     */
    public static final DecisionKind WHEN_NOBODY_ANSWERS = DecisionKind.ROLLBACK;

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

    /**
     * A person's answer as a form or a script sends it: the decision's name and, for setWeight,
     * the weight as text.
     *
     * @throws IllegalArgumentException with a sentence naming the bad value and what is accepted
     */
    public static Decision parse(String kind, String weight, String by) {
        DecisionKind k = DecisionKind.parse(kind);
        if (k != DecisionKind.SET_WEIGHT) {
            return new Decision(k, 0, by, false);
        }
        int percent;
        try {
            percent = Integer.parseInt(weight == null ? "" : weight.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("weight '" + (weight == null ? "" : weight)
                    + "' is not a number; give a whole percentage from 0 to 100");
        }
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("weight " + percent + " is outside 0-100; give a whole percentage from 0 to 100");
        }
        return setWeight(percent, by);
    }

    /**
     * The decision when an approval's time ran out without an answer: its {@code onTimeout},
     * else {@link #WHEN_NOBODY_ANSWERS}.
     */
    public static Decision timedOut(Optional<DecisionKind> onTimeout, Duration waited) {
        return new Decision(onTimeout.orElse(WHEN_NOBODY_ANSWERS), 0, "timeout after " + Durations.format(waited), true);
    }

    /**
     * The decision when nobody can answer any more (a terminal's input closed): the same rule as
     * a timeout, recorded as {@code who (input closed)}.
     */
    public static Decision noAnswerPossible(Optional<DecisionKind> onTimeout, String who) {
        return new Decision(onTimeout.orElse(WHEN_NOBODY_ANSWERS), 0, who + " (input closed)", false);
    }

    /** As recorded in the release state and printed: {@code promote}, {@code setWeight 30}. */
    public String describe() {
        return kind == DecisionKind.SET_WEIGHT ? kind.planName() + " " + weight : kind.planName();
    }
}
