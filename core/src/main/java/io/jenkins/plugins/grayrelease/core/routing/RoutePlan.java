package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The planner's answer: the VirtualService as it should be, and the DestinationRule change it
 * needs first (if any). Both are whole documents; the writer turns them into minimal patches.
 *
 * @param virtualService  the edited VirtualService (a copy)
 * @param routesChanged   true when {@code spec} differs from what was read
 * @param destinationRule the edited DestinationRule when a canary subset must be added, else null
 */
public record RoutePlan(ObjectNode virtualService, boolean routesChanged, ObjectNode destinationRule) {

    public boolean needsSubset() {
        return destinationRule != null;
    }
}
