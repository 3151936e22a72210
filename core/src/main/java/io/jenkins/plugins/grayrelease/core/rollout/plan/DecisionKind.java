package io.jenkins.plugins.grayrelease.core.rollout.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

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
}
