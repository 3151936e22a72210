package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import java.util.Map;

/**
 * Everything a pure planner needs: the routing object as read, which rule, which sides, what
 * intent. Mesh-neutral: the routing object is a VirtualService or an HTTPRoute, the subset
 * definitions exist only where the provider has subsets (Istio's DestinationRule).
 *
 * @param routing            the routing object as a generic JSON tree (never modified by the planner)
 * @param routingRef         how messages name the routing object ({@code ns/HTTPRoute/reviews})
 * @param subsets            the subset definitions (DestinationRule), or null when none exist or the provider has none
 * @param subsetsRef         how messages name the subset definitions, or null when the provider has none
 * @param ruleName           the managed rule's name, or null for the default rule
 * @param sides              stable and canary
 * @param change             the intent: what to do
 * @param addCanarySubset    add a missing canary subset instead of failing (providers with subsets)
 * @param canarySubsetLabels labels of an added canary subset; empty means {@code version: <subset>}
 * @param canaryVersion      fixed-subset layout: the version the canary subset must select, or null to leave it
 */
public record RoutingInput(ObjectNode routing, ObjectRef routingRef, ObjectNode subsets, ObjectRef subsetsRef,
                           String ruleName, RouteSides sides, RouteChange change, boolean addCanarySubset,
                           Map<String, String> canarySubsetLabels, String canaryVersion) {

    public RoutingInput {
        canarySubsetLabels = canarySubsetLabels == null ? Map.of() : Map.copyOf(canarySubsetLabels);
    }

    /** Input without a canary version to set. */
    public RoutingInput(ObjectNode routing, ObjectRef routingRef, ObjectNode subsets, ObjectRef subsetsRef,
                        String ruleName, RouteSides sides, RouteChange change, boolean addCanarySubset,
                        Map<String, String> canarySubsetLabels) {
        this(routing, routingRef, subsets, subsetsRef, ruleName, sides, change, addCanarySubset, canarySubsetLabels, null);
    }

    /** The same read with another intent. */
    public RoutingInput with(RouteChange other) {
        return new RoutingInput(routing, routingRef, subsets, subsetsRef, ruleName, sides, other, addCanarySubset,
                canarySubsetLabels, canaryVersion);
    }
}
