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
 * @param givenFor what an answer approves: the key of the plan's and the canary pod template's digests
 *                 ({@link io.jenkins.plugins.grayrelease.core.state.RolloutProgress.RunDigest#key()}); a gate that
 *                 keeps answers (Jenkins' build record) keeps them per key, so a changed canary is asked again
 */
public record ApprovalRequest(String plan, int step, String message, Set<DecisionKind> allowed,
        Optional<Duration> timeout, Optional<DecisionKind> onTimeout, ReleaseStatus status, String givenFor) {
    public ApprovalRequest {
        allowed = Set.copyOf(allowed);
    }

    /** A request not tied to a digest (tests, gates that keep no answers). */
    public ApprovalRequest(String plan, int step, String message, Set<DecisionKind> allowed,
            Optional<Duration> timeout, Optional<DecisionKind> onTimeout, ReleaseStatus status) {
        this(plan, step, message, allowed, timeout, onTimeout, status, "");
    }

    public boolean allows(DecisionKind kind) {
        return allowed.contains(kind);
    }
}
