package io.jenkins.plugins.grayrelease.core.fleet;

import java.util.ArrayList;
import java.util.List;

/**
 * What one fleet operation (a weight step, a promotion, a rollback, finishing an earlier one) did to every
 * target: all of it, or — when a target failed — which one failed, what was undone, and what could not be undone
 * with the command that finishes it. Nothing is ever left out silently.
 *
 * @param result     how it ended
 * @param action     what was asked ("weight 10 (wave 2)", "promote", "roll back")
 * @param changed    the targets that took the action, in the order they were written
 * @param failure    the target that failed and why, or null
 * @param undone     the targets rolled back because of the failure, in the order they were rolled back (reverse of shifting)
 * @param unfinished the targets that still need a person (or {@code resume}): unreachable, or refused
 */
public record FleetOutcome(Result result, String action, List<FleetTarget> changed, Failure failure, List<Undone> undone,
                           List<Unfinished> unfinished) {

    /** How a fleet operation ended. */
    public enum Result {
        /** Every target took the action. */
        DONE,
        /** A target failed; every target already shifted went back to stable. */
        ROLLED_BACK,
        /** Some targets could not take the action or its rollback: {@link #unfinished} says which and how to finish. */
        INCOMPLETE,
        /** A run stopped by a decision (abort) or a cancellation: traffic stays as it is on every target. */
        STOPPED
    }

    /**
     * @param target      the target that failed
     * @param problem     the engine's message (names the object, the field and what to do)
     * @param unreachable whether its API server gave no answer past the retries
     */
    public record Failure(FleetTarget target, String problem, boolean unreachable) {
    }

    /**
     * @param target the target rolled back
     * @param before its canary weight before the rollback
     */
    public record Undone(FleetTarget target, int before) {
        public String describe() {
            return target.id() + " (canary " + before + " % → 0 %)";
        }
    }

    /**
     * @param target  the target left as it was
     * @param action  what it still needs ({@code rollback}, {@code promote})
     * @param reason  why not done ({@code unreachable: …}, or the API server's refusal)
     * @param command the exact command that finishes it, e.g. {@code grayctl rollback reviews --context us-2 -n shop}
     */
    public record Unfinished(FleetTarget target, String action, String reason, String command) {
        public String describe() {
            String verb = "rollback".equals(action) ? "not rolled back" : "not " + action + "d";
            return target.id() + ": " + verb + ": " + reason + "; finish it with: " + command
                    + " (or resume the fleet release)";
        }
    }

    public FleetOutcome {
        changed = List.copyOf(changed);
        undone = List.copyOf(undone);
        unfinished = List.copyOf(unfinished);
    }

    public boolean succeeded() {
        return result == Result.DONE;
    }

    /** The outcome in sentences: what was done, which target failed, what was undone, what is left and how to finish it. */
    public List<String> sentences() {
        List<String> out = new ArrayList<>();
        if (result == Result.STOPPED) {
            out.add(action);
            return out;
        }
        if (failure == null && result == Result.ROLLED_BACK) {
            out.add(action + "; rolled back in reverse order: " + String.join(", ", undone.stream().map(Undone::describe).toList()));
        } else if (failure == null && unfinished.isEmpty()) {
            out.add(action + ": done on " + changed.size() + " target" + (changed.size() == 1 ? "" : "s")
                    + (changed.isEmpty() ? "" : " (" + String.join(", ", changed.stream().map(FleetTarget::id).toList()) + ")"));
            return out;
        }
        if (failure != null) {
            out.add(action + " failed on " + failure.target().id() + (failure.unreachable() ? " (API server unreachable)" : "")
                    + ": " + failure.problem());
            out.add(undone.isEmpty() ? "nothing to undo: no target had been shifted"
                    : "rolled back in reverse order: " + String.join(", ", undone.stream().map(Undone::describe).toList()));
        }
        unfinished.forEach(u -> out.add(u.describe()));
        return out;
    }

    public String summary() {
        return String.join("; ", sentences());
    }
}
