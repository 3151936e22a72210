package io.jenkins.plugins.grayrelease.core.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.routing.RouteSides;

/**
 * One attempt's plan, ready to write.
 *
 * @param virtualService  the VirtualService as it should be (routes and state annotation)
 * @param vsDiff          its difference from what was read ({@code []} when nothing changes)
 * @param destinationRule the DestinationRule as it should be (the one read when unchanged; may be null)
 * @param drDiff          the DestinationRule's difference ({@code []} when unchanged)
 * @param sides           the sides the operation used
 * @param resultSides     the sides after it (after promote: the canary is stable)
 */
public record PlannedOperation(ObjectNode virtualService, ArrayNode vsDiff, ObjectNode destinationRule, ArrayNode drDiff,
                        RouteSides sides, RouteSides resultSides) {

    public boolean isEmpty() {
        return vsDiff.isEmpty() && drDiff.isEmpty();
    }
}
