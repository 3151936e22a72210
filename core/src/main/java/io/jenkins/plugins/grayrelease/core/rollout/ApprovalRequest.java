package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link Gate} is asked to decide.
 *
 * @param plan the plan's name
 * @param step 0-based index of the approval step
 * @param message the plan's question
 * @param allowed the decisions the plan offers; a gate must answer one of them
 * @param timeout how long the runner waits before taking {@code onTimeout}; empty: no limit
 * @param onTimeout the decision taken when the timeout passes
 * @param status the release as it is while waiting (current weights)
 */
public record ApprovalRequest(String plan, int step, String message, Set<DecisionKind> allowed,
        Optional<Duration> timeout, Optional<DecisionKind> onTimeout, ReleaseStatus status) {
    public ApprovalRequest {
        allowed = Set.copyOf(allowed);
    }

    public boolean allows(DecisionKind kind) {
        return allowed.contains(kind);
    }
}
