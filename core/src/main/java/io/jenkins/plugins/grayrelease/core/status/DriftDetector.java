package io.jenkins.plugins.grayrelease.core.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.routing.RouteObservation;
import io.jenkins.plugins.grayrelease.core.routing.SubsetCheck;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import java.util.ArrayList;
import java.util.List;

/** Sentences describing where the recorded state and the cluster disagree (a hand edit, a lost write). */
public final class DriftDetector {

    private DriftDetector() {
    }

    public static List<String> detect(ReleaseState state, RouteObservation route, JsonNode destinationRule) {
        List<String> drift = new ArrayList<>();
        if (state == null) {
            return drift;
        }
        int canaryWeight = route.weights().canary();
        if (state.canary() != null) {
            if (canaryWeight != state.weight()) {
                drift.add("the state records " + state.weight() + " % to the canary " + state.canary().label()
                        + " but the route sends " + canaryWeight + " %");
            }
        } else if (route.weights().stable() != 100) {
            drift.add("the state records no release under way (phase " + state.phase() + ") but the route sends "
                    + route.weights().stable() + " % to the stable " + state.stable().label());
        }
        for (Destination other : route.others()) {
            drift.add("the route sends traffic to " + other + ", which the state records neither as stable nor as canary");
        }
        if (state.phase() == Phase.ROLLED_BACK || state.phase() == Phase.PROMOTED) {
            if (!route.testers().isEmpty()) {
                drift.add("the state records phase " + state.phase() + " but a Gray Release tester route is still in place");
            }
        }
        subset(drift, destinationRule, state.stable(), "stable");
        subset(drift, destinationRule, state.canary(), "canary");
        return drift;
    }

    private static void subset(List<String> drift, JsonNode destinationRule, Destination side, String which) {
        if (side == null || !side.hasSubset()) {
            return;
        }
        if (destinationRule == null) {
            drift.add("the recorded " + which + " subset " + side.subset() + " has no DestinationRule");
        } else if (!SubsetCheck.names(destinationRule).contains(side.subset())) {
            drift.add("the recorded " + which + " subset " + side.subset() + " is missing from the DestinationRule");
        }
    }
}
