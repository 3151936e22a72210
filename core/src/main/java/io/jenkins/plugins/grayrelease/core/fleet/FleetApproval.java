package io.jenkins.plugins.grayrelease.core.fleet;

import io.jenkins.plugins.grayrelease.core.rollout.ClusterDecision;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
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

    /**
     * The {@code grayctl decide} command that answers this approval from any shell, on the first member whose record
     * shows it waiting ({@code grayctl decide reviews --context eu-1 -n shop promote|rollback}); empty when no member
     * shows it or it is answered elsewhere only (a Jenkins build).
     */
    public Optional<String> answerElsewhere() {
        if (status == null) {
            return Optional.empty();
        }
        for (FleetStatus.Row row : status.rows()) {
            Optional<RolloutProgress> waiting =
                    ClusterDecision.pending(row.status())
                            .filter(p -> p.question().answerableFromCluster());
            if (waiting.isPresent()) {
                return Optional.of(row.target().command("decide") + " " + String.join("|", waiting.get().question().choices()
                        .stream().map(c -> c.equals(DecisionKind.SET_WEIGHT.planName()) ? "weight N" : c).toList()));
            }
        }
        return Optional.empty();
    }
}
