package io.jenkins.plugins.grayrelease.core.rollout.plan;

import io.jenkins.plugins.grayrelease.core.support.Durations;
import java.time.Duration;

/** Small value checks shared by the plan's records; messages become part of the plan error. */
final class Checks {
    private Checks() {}

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new FieldProblem(field, "'" + field + "' is required");
        }
        return value;
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new FieldProblem(field, "'" + field + "' is required");
        }
        return value;
    }

    static int percent(int value, String field) {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException("'" + field + "' must be a whole percentage from 0 to 100, got " + value);
        }
        return value;
    }

    /** A positive duration in the plan's format, or {@code fallback} when absent. */
    static Duration duration(String text, String field, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new FieldProblem(field, "'" + field + "': " + e.getMessage(), e);
        }
        if (d.isZero()) {
            throw new FieldProblem(field, "'" + field + "' must be longer than 0");
        }
        return d;
    }
}
