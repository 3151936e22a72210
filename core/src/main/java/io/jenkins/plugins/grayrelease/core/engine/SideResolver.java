package io.jenkins.plugins.grayrelease.core.engine;

import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.Layout;
import io.jenkins.plugins.grayrelease.core.routing.SubsetCheck;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.routing.RouteSides;
import io.jenkins.plugins.grayrelease.core.routing.TrafficRouter;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;

/**
 * Which destinations are stable and canary: what the caller named wins, then the recorded
 * state, and for the stable side as a last resort the managed route's only destination.
 */
final class SideResolver {

    private SideResolver() {
    }

    static RouteSides resolve(ReleaseTarget target, Snapshot snapshot) {
        TrafficRouter router = snapshot.router();
        ReleaseState state = snapshot.state().state();
        Destination stable = target.stable() != null ? target.stable() : state != null ? state.stable() : null;
        Destination canary = target.canary() != null ? target.canary() : state != null ? state.canary() : null;
        if (stable == null) {
            stable = router.inferStable(snapshot.routing(), target.routingRef(), target.route());
            if (stable == null) {
                throw new InvalidReleaseException(target.routingRef(), "stable",
                        "no stable destination was given, none is recorded, and the managed route sends to several destinations",
                        "Give the stable destination (subset or host)");
            }
        }
        Layout layout = Layout.detect(target.layout(), stable, canary);
        if (canary == null && layout == Layout.FIXED_SUBSETS && stable.hasSubset()
                && !Layout.CANARY_SUBSET.equals(stable.subset())
                && SubsetCheck.names(snapshot.subsets()).contains(Layout.CANARY_SUBSET)) {
            // The fixed layout's canary subset is always there, named canary.
            canary = Destination.subset(stable.host(), Layout.CANARY_SUBSET);
        }
        return new RouteSides(stable, canary, layout);
    }
}
