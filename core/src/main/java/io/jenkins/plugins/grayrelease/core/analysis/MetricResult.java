package io.jenkins.plugins.grayrelease.core.analysis;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The result of one metric check at one instant.
 *
 * @param observed the value Prometheus returned; empty when there was none
 * @param reason why the result is inconclusive; empty for passed and failed results
 */
public record MetricResult(MetricCheck check, Instant time, Outcome outcome, OptionalDouble observed,
        String query, String reason) {
    public MetricResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(observed, "observed");
        reason = reason == null ? "" : reason;
    }

    public Threshold threshold() {
        return check.threshold();
    }

    /** One line for logs: {@code success-rate: observed 75.00, threshold >= 99 → FAILED}. */
    public String describe() {
        String value = observed.isPresent() ? Threshold.number(observed.getAsDouble()) : "no value";
        String line = check.name() + " [" + check.query().describe() + "]: observed " + value
                + ", threshold " + threshold().describe() + " → " + outcome;
        return reason.isEmpty() ? line : line + " (" + reason + ")";
    }
}
