package io.jenkins.plugins.grayrelease.core.rollout.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.jenkins.plugins.grayrelease.core.support.Durations;
import java.time.Duration;

/** {@code - pause: 5m}: wait, leaving traffic as it is (the background analysis keeps watching). */
public record PauseStep(Duration duration) implements Step {
    public static final String KIND = "pause";

    public PauseStep {
        java.util.Objects.requireNonNull(duration, KIND);
    }

    /** Numbers are read too, only to say that they lack a unit. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PauseStep parse(Object value) {
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("'" + value + "' is not a duration; write " + Durations.FORMS);
        }
        Duration d = Durations.parse(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("a pause must be longer than 0");
        }
        return new PauseStep(d);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return KIND + " " + Durations.format(duration);
    }

    @Override
    public boolean waits() {
        return true;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.pause(this);
    }
}
