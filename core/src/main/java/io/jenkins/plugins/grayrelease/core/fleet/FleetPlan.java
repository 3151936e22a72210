package io.jenkins.plugins.grayrelease.core.fleet;

import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanTargets;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.rollout.plan.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan with {@code targets} (and {@code waves}) in the engine's terms: the fleet and each wave's steps.
 *
 * @param plan  the parsed plan (its Prometheus, its name)
 * @param fleet the fleet, with this release's id
 * @param steps each wave's steps, by wave index
 */
public record FleetPlan(RolloutPlan plan, Fleet fleet, List<List<Step>> steps) {

    public FleetPlan {
        steps = List.copyOf(steps);
    }

    /**
     * @param fleetId this release's id (resuming a release: the id it printed; a new one: {@link Fleet#newId})
     * @throws IllegalArgumentException when the plan has no {@code targets}
     */
    public static FleetPlan of(RolloutPlan plan, String fleetId) {
        if (!plan.isFleet()) {
            throw new IllegalArgumentException("plan " + plan.name() + " has no 'targets'");
        }
        PlanTargets resolved = plan.fleet();
        List<FleetWave> waves = new ArrayList<>();
        List<List<Step>> steps = new ArrayList<>();
        for (PlanTargets.Wave w : resolved.waves()) {
            waves.add(new FleetWave(waves.size(), w.name(), w.targets().stream()
                    .map(t -> new FleetTarget(t.cluster(), t.target().toReleaseTarget())).toList()));
            steps.add(w.steps());
        }
        return new FleetPlan(plan, new Fleet(fleetId, waves), steps);
    }
}
