package io.jenkins.plugins.grayrelease.core.rollout.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a person (or a timeout) can decide at an approval step. */
public enum DecisionKind {
    /** Approve: the plan carries on with its next steps, towards promotion. */
    @JsonProperty("promote") PROMOTE,
    /** All traffic back to stable; the plan ends. */
    @JsonProperty("rollback") ROLLBACK,
    /** Write another canary weight, then carry on with the next steps. */
    @JsonProperty("setWeight") SET_WEIGHT,
    /** Stop the plan here; traffic stays as it is, recorded as aborted. */
    @JsonProperty("abort") ABORT;

    /** The spelling used in plan files and prompts. */
    public String planName() {
        return switch (this) {
            case PROMOTE -> "promote";
            case ROLLBACK -> "rollback";
            case SET_WEIGHT -> "setWeight";
            case ABORT -> "abort";
        };
    }

    /**
     * The decision spelled {@code name} (as in plan files, on buttons and in scripts: promote,
     * rollback, setWeight, abort; case does not matter).
     *
     * @throws IllegalArgumentException naming the unknown word and the known ones
     */
    public static DecisionKind parse(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (DecisionKind k : values()) {
            if (k.planName().toLowerCase(Locale.ROOT).equals(wanted)) {
                return k;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a decision; use one of " + names());
    }

    /** Every decision's spelling, for messages: {@code promote, rollback, setWeight, abort}. */
    public static String names() {
        return Arrays.stream(values()).map(DecisionKind::planName).collect(Collectors.joining(", "));
    }
}
