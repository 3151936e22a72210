package io.jenkins.plugins.grayrelease.core.analysis;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Accepted range of a metric: at least {@code min} and/or at most {@code max}, both inclusive.
 * At least one bound is required: a check without a bound could never fail.
 */
public record Threshold(OptionalDouble min, OptionalDouble max) {
    public Threshold {
        if (min.isEmpty() && max.isEmpty()) {
            throw new IllegalArgumentException("a threshold needs min, max or both; without a bound the"
                    + " check could never fail");
        }
        if (min.isPresent() && max.isPresent() && min.getAsDouble() > max.getAsDouble()) {
            throw new IllegalArgumentException("threshold min " + number(min.getAsDouble())
                    + " is above max " + number(max.getAsDouble()) + "; swap them");
        }
    }

    public static Threshold atLeast(double min) {
        return new Threshold(OptionalDouble.of(min), OptionalDouble.empty());
    }

    public static Threshold atMost(double max) {
        return new Threshold(OptionalDouble.empty(), OptionalDouble.of(max));
    }

    public static Threshold of(Optional<Double> min, Optional<Double> max) {
        return new Threshold(min.map(OptionalDouble::of).orElse(OptionalDouble.empty()),
                max.map(OptionalDouble::of).orElse(OptionalDouble.empty()));
    }

    /** NaN is never accepted: it is the result of a division by zero requests, not a measurement. */
    public boolean accepts(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        return (min.isEmpty() || value >= min.getAsDouble()) && (max.isEmpty() || value <= max.getAsDouble());
    }

    /** For logs: {@code >= 99}, {@code <= 500}, {@code 1 .. 5}. */
    public String describe() {
        if (min.isPresent() && max.isPresent()) {
            return number(min.getAsDouble()) + " .. " + number(max.getAsDouble());
        }
        return min.isPresent() ? ">= " + number(min.getAsDouble()) : "<= " + number(max.getAsDouble());
    }

    static String number(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
