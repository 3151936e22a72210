package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A planner's answer: the routing object as it should be, and the subset change it needs first
 * (if any; only providers with subsets have one). Both are whole documents; the engine's writer
 * turns them into minimal guarded patches.
 *
 * @param routing       the edited routing object (a copy)
 * @param routesChanged true when {@code spec} differs from what was read
 * @param subsets       the edited subset definitions (DestinationRule) when a canary subset must be added or moved, else null
 */
public record RoutePlan(ObjectNode routing, boolean routesChanged, ObjectNode subsets) {

    public boolean needsSubset() {
        return subsets != null;
    }
}
