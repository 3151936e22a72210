package io.jenkins.plugins.grayrelease.core.rollout.plan;

import com.fasterxml.jackson.annotation.JsonCreator;

/** {@code - mirror: 20}: copy this percentage of the managed route's traffic to the canary; 0 stops it. */
public record MirrorStep(int percent) implements Step {
    public static final String KIND = "mirror";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public MirrorStep {
        Checks.percent(percent, KIND);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return KIND + " " + percent;
    }

    @Override
    public boolean waits() {
        return false;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.mirror(this);
    }
}
