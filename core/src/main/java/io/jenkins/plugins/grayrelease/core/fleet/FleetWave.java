package io.jenkins.plugins.grayrelease.core.fleet;

import java.util.List;

/**
 * Targets that move together: one weight step writes all of them (concurrently), one approval answers for them.
 *
 * @param index   0-based position in the fleet
 * @param name    shown in progress and approvals ({@code wave 1} unless the plan names it)
 * @param targets the wave's targets, in the plan's order
 */
public record FleetWave(int index, String name, List<FleetTarget> targets) {

    public FleetWave {
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(name + " has no targets");
        }
        name = name == null || name.isBlank() ? "wave " + (index + 1) : name;
    }
}
