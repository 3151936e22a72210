package io.jenkins.plugins.grayrelease.core.rollout.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targets and waves of a fleet plan, resolved and checked: every target complete, named once, and in exactly
 * one wave.
 *
 * @param targets the targets in the plan's order
 * @param waves   the waves in order
 */
public record PlanTargets(List<Target> targets, List<Wave> waves) {

    /**
     * @param cluster the cluster name (null: the default one)
     * @param target  the complete target section
     */
    public record Target(String cluster, TargetSpec target) {
        /** {@code eu-1/shop/reviews}, with {@code #route} when the route is named: how waves and outcomes name it. */
        public String id() {
            return (cluster == null ? "" : cluster + "/") + target.namespace() + "/" + target.service()
                    + (target.route() == null ? "" : "#" + target.route());
        }
    }

    /**
     * @param name    the wave's name, or null
     * @param targets its targets
     * @param steps   its steps
     */
    public record Wave(String name, List<Target> targets, List<Step> steps) {
    }

    public PlanTargets {
        targets = List.copyOf(targets);
        waves = List.copyOf(waves);
    }

    /**
     * Resolves {@code targets} over the plan's {@code target} and assigns them to {@code waves} (null: one wave of
     * every target taking the plan's {@code steps}).
     *
     * @throws FieldProblem naming the field ({@code targets[1].stable}, {@code waves[0].targets[2]})
     */
    static PlanTargets resolve(TargetSpec defaults, List<FleetTargetSpec> entries, List<WaveSpec> waves, List<Step> steps) {
        Map<String, Target> byId = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Target t;
            try {
                t = new Target(entries.get(i).cluster(), entries.get(i).over(defaults));
            } catch (FieldProblem p) {
                throw new FieldProblem("targets[" + i + "]." + p.field(), p.getMessage().replace("'" + p.field() + "'",
                        "'targets[" + i + "]." + p.field() + "'") + " (or give it in the plan's 'target' for every target)", p);
            }
            if (byId.putIfAbsent(t.id(), t) != null) {
                throw new FieldProblem("targets[" + i + "]", "target " + t.id() + " is named twice; each target is released once");
            }
        }
        List<Target> all = new ArrayList<>(byId.values());
        if (waves == null) {
            return new PlanTargets(all, List.of(new Wave(null, all, steps)));
        }
        if (steps != null && !steps.isEmpty()) {
            throw new FieldProblem("steps", "a plan with 'waves' keeps its steps in the waves; move 'steps' into a wave");
        }
        Map<String, Integer> waveOf = new LinkedHashMap<>();
        List<Wave> resolved = new ArrayList<>();
        for (int w = 0; w < waves.size(); w++) {
            List<Target> members = new ArrayList<>();
            List<String> refs = waves.get(w).targets();
            if (refs.isEmpty()) {
                throw new FieldProblem("waves[" + w + "].targets", "'targets' needs at least one target (a cluster such as eu-1,"
                        + " or eu-1/shop/reviews)");
            }
            if (waves.get(w).steps().isEmpty()) {
                throw new FieldProblem("waves[" + w + "].steps", "'steps' needs at least one step");
            }
            for (int r = 0; r < refs.size(); r++) {
                List<Target> found = select(all, refs.get(r));
                if (found.isEmpty()) {
                    throw new FieldProblem("waves[" + w + "].targets[" + r + "]", "'" + refs.get(r) + "' names no target; the targets are "
                            + String.join(", ", byId.keySet()));
                }
                for (Target t : found) {
                    Integer earlier = waveOf.putIfAbsent(t.id(), w);
                    if (earlier != null) {
                        throw new FieldProblem("waves[" + w + "].targets[" + r + "]", "target " + t.id() + " is already in wave "
                                + (earlier + 1) + "; a target moves in one wave");
                    }
                    members.add(t);
                }
            }
            resolved.add(new Wave(waves.get(w).name(), members, waves.get(w).steps()));
        }
        List<String> left = byId.keySet().stream().filter(id -> !waveOf.containsKey(id)).toList();
        if (!left.isEmpty()) {
            throw new FieldProblem("waves", "target" + (left.size() == 1 ? " " : "s ") + String.join(", ", left)
                    + (left.size() == 1 ? " is" : " are") + " in no wave; add " + (left.size() == 1 ? "it" : "them") + " to a wave");
        }
        return new PlanTargets(all, resolved);
    }

    /** The targets {@code ref} names: its id, {@code cluster/service}, or every target of cluster {@code ref}. */
    private static List<Target> select(List<Target> all, String ref) {
        List<Target> exact = all.stream().filter(t -> t.id().equals(ref)
                || (t.cluster() + "/" + t.target().service()).equals(ref)).toList();
        return exact.isEmpty() ? all.stream().filter(t -> ref.equals(t.cluster())).toList() : exact;
    }
}
