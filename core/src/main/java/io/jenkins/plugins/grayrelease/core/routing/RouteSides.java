package io.jenkins.plugins.grayrelease.core.routing;

import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.Layout;

/**
 * The two sides of a release as resolved for one operation.
 *
 * @param stable the stable destination; never null once resolved
 * @param canary the canary destination, or null when no release is under way (rollback, status)
 * @param layout how the sides are told apart (the fixed-subset layout keeps both sides for good)
 */
public record RouteSides(Destination stable, Destination canary, Layout layout) {

    public RouteSides {
        layout = Layout.detect(layout, stable, canary);
    }

    /** Sides whose layout is detected from their names. */
    public RouteSides(Destination stable, Destination canary) {
        this(stable, canary, null);
    }

    public boolean fixedSubsets() {
        return layout == Layout.FIXED_SUBSETS;
    }
}
