package io.jenkins.plugins.grayrelease.core.engine;

import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.routing.RouteChange;
import io.jenkins.plugins.grayrelease.core.routing.RouteSides;
import io.jenkins.plugins.grayrelease.core.state.LastChange;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import java.time.Instant;

/** The release state that a route change leaves behind. */
final class StatePlanner {

    private StatePlanner() {
    }

    /**
     * @param old          the recorded state, or null
     * @param canaryWeight the canary's weight in the planned VirtualService
     */
    static ReleaseState next(ReleaseState old, RouteSides sides, RouteChange change, int canaryWeight, Actor actor, Instant now) {
        RolloutProgress rollout = old == null ? null : old.rollout();
        String action = change.describe();
        ReleaseState next;
        if (change instanceof RouteChange.Promote && sides.fixedSubsets() && sides.canary() != null) {
            // Both subsets stay; between the steps of a promotion the canary takes all traffic.
            boolean done = canaryWeight == 0;
            next = new ReleaseState(sides.stable(), sides.canary(), canaryWeight, done ? Phase.PROMOTED : Phase.PROGRESSING, rollout, null);
            action += done ? "" : " (canary 100 %, the stable subset's labels move next)";
        } else if (change instanceof RouteChange.Rollback && sides.fixedSubsets() && sides.canary() != null) {
            next = new ReleaseState(sides.stable(), sides.canary(), 0, Phase.ROLLED_BACK, rollout, null);
        } else if (change instanceof RouteChange.Promote) {
            next = new ReleaseState(sides.canary(), null, 0, Phase.PROMOTED, rollout, null);
            action += " " + sides.canary().label();
        } else if (change instanceof RouteChange.Rollback) {
            next = new ReleaseState(sides.stable(), null, 0, Phase.ROLLED_BACK, rollout, null);
            action += sides.canary() == null ? "" : " (canary " + sides.canary().label() + ")";
        } else if (sides.canary() == null) {
            // Removing a tester route or mirror when no release runs: keep what was recorded.
            Phase phase = old == null ? Phase.ROLLED_BACK : old.phase();
            next = new ReleaseState(sides.stable(), null, 0, phase, rollout, null);
        } else {
            Phase phase = old != null && old.phase() == Phase.PAUSED && !(change instanceof RouteChange.SetWeight) ? Phase.PAUSED : Phase.PROGRESSING;
            next = new ReleaseState(sides.stable(), sides.canary(), canaryWeight, phase, rollout, null);
        }
        // A fleet member stays one through every change of its own (a rollback of the fleet is recorded as the fleet's).
        return next.withFleet(old == null ? null : old.fleet()).withLastChange(new LastChange(action, actor.user(), now, actor.origin()));
    }

    /** Whether {@code next} records something {@code old} does not; the time of the change does not count. */
    static boolean differs(ReleaseState old, ReleaseState next) {
        return old == null || !old.withLastChange(null).equals(next.withLastChange(null));
    }
}
