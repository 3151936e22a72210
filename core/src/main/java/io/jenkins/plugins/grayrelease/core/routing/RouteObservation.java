package io.jenkins.plugins.grayrelease.core.routing;

import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import java.util.List;

/**
 * The managed route as it really is in the VirtualService.
 *
 * @param routeName     the managed route's name, or null when unnamed
 * @param weights       traffic to the stable and canary sides (canary 0 when it is not in the route)
 * @param others        destinations in the managed route that are neither side (a hand edit)
 * @param testers       the engine's tester matches in place
 * @param mirrorPercent the share mirrored to the canary, 0 when none
 */
public record RouteObservation(String routeName, WeightSplit weights, List<Destination> others,
                               List<TesterMatch> testers, int mirrorPercent) {

    public RouteObservation {
        others = List.copyOf(others);
        testers = List.copyOf(testers);
    }
}
