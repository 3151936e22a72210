package io.jenkins.plugins.grayrelease.core.rollout.plan;

import io.jenkins.plugins.grayrelease.core.support.Durations;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code - approval: {...}}: a person decides how the release goes on.
 *
 * @param message shown to whoever decides
 * @param decisions the decisions offered (default: all four)
 * @param timeout how long to wait; absent means wait as long as it takes
 * @param onTimeout taken when the timeout passes (default rollback: an unattended release never
 *     goes further on its own); must be one of {@code decisions} and cannot be setWeight
 */
public record ApprovalStep(String message, List<DecisionKind> decisions, String timeout, DecisionKind onTimeout)
        implements Step {
    public static final String KIND = "approval";

    public ApprovalStep {
        message = message == null || message.isBlank() ? "Continue the rollout?" : message;
        decisions = decisions == null || decisions.isEmpty() ? List.of(DecisionKind.values()) : List.copyOf(decisions);
        if (Set.copyOf(decisions).size() != decisions.size()) {
            throw new FieldProblem("decisions", "'decisions' lists a decision twice");
        }
        Checks.duration(timeout, "timeout", null);
        if (onTimeout != null && timeout == null) {
            throw new FieldProblem("onTimeout", "'onTimeout' needs a 'timeout'");
        }
        if (timeout != null && onTimeout == null) {
            onTimeout = DecisionKind.ROLLBACK;
        }
        if (onTimeout == DecisionKind.SET_WEIGHT) {
            throw new FieldProblem("onTimeout", "'onTimeout' cannot be setWeight (no one chose a weight);"
                    + " use promote, rollback or abort");
        }
        if (onTimeout != null && !decisions.contains(onTimeout)) {
            throw new FieldProblem("onTimeout", "'onTimeout: " + onTimeout.planName() + "' is not among 'decisions' "
                    + decisions.stream().map(DecisionKind::planName).toList() + "; add it or choose another");
        }
    }

    public Optional<Duration> timeoutDuration() {
        return Optional.ofNullable(Checks.duration(timeout, "timeout", null));
    }

    public Set<DecisionKind> allowed() {
        return EnumSet.copyOf(decisions);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return KIND + timeoutDuration().map(d -> " (timeout " + Durations.format(d) + ", then "
                + onTimeout.planName() + ")").orElse("");
    }

    @Override
    public boolean waits() {
        return true;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.approval(this);
    }
}
