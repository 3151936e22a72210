package io.jenkins.plugins.grayrelease.core.fleet;

import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link FleetGate} asks a person: one approval answers for a whole wave.
 *
 * @param fleetId   the fleet release
 * @param wave      the wave the approval belongs to
 * @param step      0-based index of the approval step in the wave
 * @param message   the plan's question
 * @param allowed   the decisions the plan offers; the gate must answer one of them
 * @param timeout   how long the runner waits before taking {@code onTimeout}; empty: no limit
 * @param onTimeout the decision taken when the timeout passes (empty: roll back)
 * @param status    every target as it is while waiting (the table to show next to the buttons)
 */
public record FleetApproval(String fleetId, FleetWave wave, int step, String message, Set<DecisionKind> allowed,
                            Optional<Duration> timeout, Optional<DecisionKind> onTimeout, FleetStatus status) {

    public FleetApproval {
        allowed = Set.copyOf(allowed);
    }
}
