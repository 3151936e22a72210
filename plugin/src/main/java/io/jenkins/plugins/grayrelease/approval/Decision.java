package io.jenkins.plugins.grayrelease.approval;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * What a person decided at an approval: promote, roll back, set the canary weight and go on, or
 * (in a rollout) abort and leave traffic as it is. {@link #toString()} is the stored and returned
 * form: {@code promote}, {@code rollback}, {@code abort}, or the weight's digits ({@code 30}).
 */
public final class Decision implements Serializable {

    private static final long serialVersionUID = 1L;

    public enum Kind { PROMOTE, ROLLBACK, WEIGHT, ABORT }

    private final Kind kind;
    private final int weight;

    private Decision(Kind kind, int weight) {
        this.kind = kind;
        this.weight = weight;
    }

    public static Decision promote() {
        return new Decision(Kind.PROMOTE, 100);
    }

    public static Decision rollback() {
        return new Decision(Kind.ROLLBACK, 0);
    }

    public static Decision abort() {
        return new Decision(Kind.ABORT, -1);
    }

    public static Decision weight(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("weight " + percent + " is outside 0–100. Give a whole number of percent between 0 and 100");
        }
        return new Decision(Kind.WEIGHT, percent);
    }

    /**
     * Reads a decision as the build page's buttons send it ({@code promote}, {@code rollback},
     * {@code weight} with a separate number) or as it is stored ({@code 30}).
     *
     * @throws IllegalArgumentException with a sentence naming the bad value and the accepted ones
     */
    public static Decision parse(String decision, String weight) {
        String d = decision == null ? "" : decision.trim().toLowerCase(Locale.ROOT);
        switch (d) {
            case "promote":
                return promote();
            case "rollback":
                return rollback();
            case "abort":
                return abort();
            case "weight":
                return weight(parseWeight(weight));
            default:
                if (!d.isEmpty() && d.chars().allMatch(Character::isDigit)) {
                    return weight(parseWeight(d));
                }
                throw new IllegalArgumentException("decision '" + decision + "' is not one of promote, rollback, weight, abort");
        }
    }

    private static int parseWeight(String weight) {
        try {
            return Integer.parseInt(weight == null ? "" : weight.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("weight '" + weight + "' is not a number. Give a whole number of percent between 0 and 100");
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The canary weight this decision asks for (100 for promote, 0 for roll back, -1 for abort). */
    public int weight() {
        return weight;
    }

    /** The name under which approvals list what they offer: {@code promote}, {@code rollback}, {@code weight}, {@code abort}. */
    public String choiceName() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return kind == Kind.WEIGHT ? Integer.toString(weight) : choiceName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decision other && kind == other.kind && weight == other.weight;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, weight);
    }
}
