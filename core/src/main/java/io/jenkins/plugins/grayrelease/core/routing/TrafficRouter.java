package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.ObjectRef;

/**
 * One traffic provider (a service mesh). The engine plans with it, writes the plan itself, and
 * reads back with it; another mesh is another implementation, chosen explicitly (no silent
 * fallback).
 */
public interface TrafficRouter {

    /**
     * The routing object (and subset definitions) as they must be for {@code input.change()}.
     * Pure: reads nothing, writes nothing, never modifies its input. Validates the whole change
     * and throws {@link io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException} before
     * returning anything.
     */
    RoutePlan plan(RoutingInput input);

    /** How the managed route really splits traffic, with the engine's tester and mirror in place. */
    RouteObservation observe(ObjectNode routing, ObjectRef ref, String routeName, RouteSides sides);

    /**
     * The stable side read from the managed route when nobody named it: the route's only
     * destination, or its subset named {@code stable} (the fixed-subset layout). Null when the
     * route sends to several destinations otherwise.
     */
    io.jenkins.plugins.grayrelease.core.Destination inferStable(ObjectNode routing, ObjectRef ref, String routeName);

    /**
     * The name of the route {@code routeName} (or, when null, the default rule with these sides)
     * designates; null when that route has no name. Throws
     * {@link io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException} when there is no
     * such route or the default rule finds several.
     *
     * @param stable the stable side, or null when not known (any catch-all route then counts)
     */
    String managedRouteName(ObjectNode routing, ObjectRef ref, String routeName,
                            io.jenkins.plugins.grayrelease.core.Destination stable,
                            io.jenkins.plugins.grayrelease.core.Destination canary);
}
