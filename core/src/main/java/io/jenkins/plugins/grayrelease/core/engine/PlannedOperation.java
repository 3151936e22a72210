package io.jenkins.plugins.grayrelease.core.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.routing.RouteSides;

/**
 * One attempt's plan, ready to write.
 *
 * @param routing      the routing object as it should be (rules and state annotation)
 * @param routingDiff  its difference from what was read ({@code []} when nothing changes)
 * @param subsets      the subset definitions (DestinationRule) as they should be (the ones read when unchanged; may be null)
 * @param subsetsDiff  their difference ({@code []} when unchanged)
 * @param sides        the sides the operation used
 * @param resultSides  the sides after it (after promote: the canary is stable)
 * @param note         why the plan is empty when the user should be told (see {@link io.jenkins.plugins.grayrelease.core.OperationResult#notes}), or null
 */
record PlannedOperation(ObjectNode routing, ArrayNode routingDiff, ObjectNode subsets, ArrayNode subsetsDiff,
                        RouteSides sides, RouteSides resultSides, String note) {

    PlannedOperation(ObjectNode routing, ArrayNode routingDiff, ObjectNode subsets, ArrayNode subsetsDiff,
                     RouteSides sides, RouteSides resultSides) {
        this(routing, routingDiff, subsets, subsetsDiff, sides, resultSides, null);
    }

    boolean isEmpty() {
        return routingDiff.isEmpty() && subsetsDiff.isEmpty();
    }
}
