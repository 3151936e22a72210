package io.jenkins.plugins.grayrelease.core.fleet;

import io.jenkins.plugins.grayrelease.core.state.FleetMembership;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Several targets released as one: an id (recorded on every member) and the waves they move in. Every target
 * belongs to exactly one wave; a fleet without waves of its own is one wave of all its targets.
 *
 * @param id    the fleet release's id, the same in every member's record ({@code reviews-v2-f4f2a9c1})
 * @param waves the waves in order
 */
public record Fleet(String id, List<FleetWave> waves) {

    public Fleet {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a fleet release needs an id");
        }
        waves = List.copyOf(waves);
        if (waves.isEmpty()) {
            throw new IllegalArgumentException("fleet " + id + " has no targets");
        }
        Set<String> seen = new HashSet<>();
        for (FleetWave wave : waves) {
            for (FleetTarget t : wave.targets()) {
                if (!seen.add(t.id())) {
                    throw new IllegalArgumentException("fleet " + id + " names target " + t.id() + " twice; each target belongs to one wave");
                }
            }
        }
    }

    /** One wave of {@code targets}. */
    public static Fleet of(String id, List<FleetTarget> targets) {
        return new Fleet(id, List.of(new FleetWave(0, null, targets)));
    }

    /** A new fleet release id from a name: {@code reviews-v2-f4f2a9c1}. */
    public static String newId(String name) {
        return name + "-f" + java.util.UUID.randomUUID().toString().substring(0, 7);
    }

    /** Every target, wave by wave. */
    public List<FleetTarget> targets() {
        List<FleetTarget> all = new ArrayList<>();
        waves.forEach(w -> all.addAll(w.targets()));
        return all;
    }

    /** What each member's record says about the fleet. */
    public FleetMembership membership() {
        return new FleetMembership(id, targets().stream().map(FleetTarget::member).toList());
    }

    /** The fleet a member's record names (one wave: the record keeps no waves). */
    public static Fleet of(FleetMembership membership) {
        return of(membership.id(), membership.members().stream().map(FleetTarget::of).toList());
    }
}
