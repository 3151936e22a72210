package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import java.util.Map;

/**
 * Everything the pure planner needs: the objects as read, which route, which sides, what change.
 *
 * @param virtualService     the VirtualService as a generic JSON tree (never modified by the planner)
 * @param vsRef              how messages name the VirtualService
 * @param destinationRule    the DestinationRule, or null when it does not exist
 * @param drRef              how messages name the DestinationRule
 * @param routeName          the managed route's {@code http[].name}, or null for the default rule
 * @param sides              stable and canary
 * @param change             what to do
 * @param addCanarySubset    add a missing canary subset instead of failing
 * @param canarySubsetLabels labels of an added canary subset; empty means {@code version: <subset>}
 * @param canaryVersion      fixed-subset layout: the version the canary subset must select, or null to leave it
 */
public record RoutingInput(ObjectNode virtualService, ObjectRef vsRef, ObjectNode destinationRule, ObjectRef drRef,
                           String routeName, RouteSides sides, RouteChange change, boolean addCanarySubset,
                           Map<String, String> canarySubsetLabels, String canaryVersion) {

    public RoutingInput {
        canarySubsetLabels = canarySubsetLabels == null ? Map.of() : Map.copyOf(canarySubsetLabels);
    }

    /** Input without a canary version to set. */
    public RoutingInput(ObjectNode virtualService, ObjectRef vsRef, ObjectNode destinationRule, ObjectRef drRef,
                        String routeName, RouteSides sides, RouteChange change, boolean addCanarySubset,
                        Map<String, String> canarySubsetLabels) {
        this(virtualService, vsRef, destinationRule, drRef, routeName, sides, change, addCanarySubset, canarySubsetLabels, null);
    }
}
