package io.jenkins.plugins.grayrelease.core.rollout.plan;

import com.fasterxml.jackson.annotation.JsonCreator;

/** {@code - setWeight: 10}: send this percentage of the managed route's traffic to the canary. */
public record SetWeightStep(int weight) implements Step {
    public static final String KIND = "setWeight";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public SetWeightStep {
        Checks.percent(weight, KIND);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return KIND + " " + weight;
    }

    @Override
    public boolean waits() {
        return false;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.setWeight(this);
    }
}
