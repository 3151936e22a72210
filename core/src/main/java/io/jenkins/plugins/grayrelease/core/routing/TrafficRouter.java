package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.routing.gateway.HttpRouteRouter;

/**
 * One traffic provider. It speaks of a managed rule, its stable and canary backends and their
 * weights, the engine's tester rule and mirror; the engine speaks to it in intents
 * ({@link RouteChange}) and never looks inside the routing object. Planning is pure: every verb
 * takes the routing object as read and returns a changed whole-document copy, validated before
 * anything is returned, so the engine's shared writer (guarded patch, state annotation, dry run,
 * retries) can apply it to any provider. The provider is picked from the target's
 * {@link RouteKind} by {@link #forKind}; an unknown kind has none.
 */
public interface TrafficRouter {

    /** The routing object this provider edits. */
    RouteKind kind();

    /**
     * The routing object (and subset definitions) as they must be for {@code input.change()}.
     * Pure: reads nothing, writes nothing, never modifies its input. Validates the whole change
     * and throws {@link io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException} before
     * returning anything.
     */
    RoutePlan plan(RoutingInput input);

    /** Sends {@code canaryPercent} of the managed rule's traffic to the canary backend, the rest to stable. */
    default RoutePlan setWeight(RoutingInput read, int canaryPercent) {
        return plan(read.with(new RouteChange.SetWeight(canaryPercent)));
    }

    /** Puts (or replaces) the engine's tester rule: matching requests all to canary, ahead of the managed rule. */
    default RoutePlan setTesterMatch(RoutingInput read, TesterRoute testers) {
        return plan(read.with(new RouteChange.SetTesters(testers)));
    }

    /** Removes the engine's tester rule. */
    default RoutePlan removeTesterMatch(RoutingInput read) {
        return plan(read.with(new RouteChange.RemoveTesters()));
    }

    /** Mirrors {@code percent} of the managed rule's requests to the canary; 0 removes the engine's mirror. */
    default RoutePlan setMirror(RoutingInput read, int percent) {
        return plan(read.with(new RouteChange.SetMirror(percent)));
    }

    /** Removes the engine's mirror (a mirror the engine did not create stays). */
    default RoutePlan removeMirror(RoutingInput read) {
        return setMirror(read, 0);
    }

    /** All traffic to the canary backend (the new stable); the engine's tester rule and mirror removed. */
    default RoutePlan promote(RoutingInput read) {
        return plan(read.with(new RouteChange.Promote()));
    }

    /** All traffic to the stable backend; the engine's tester rule and mirror removed (roll back). */
    default RoutePlan removeManagedRoutes(RoutingInput read) {
        return plan(read.with(new RouteChange.Rollback()));
    }

    /** How the managed rule really splits traffic, with the engine's tester rule and mirror in place. */
    RouteObservation observe(ObjectNode routing, ObjectRef ref, String ruleName, RouteSides sides);

    /**
     * The stable side read from the managed rule when nobody named it: the rule's only backend,
     * or (Istio's fixed-subset layout) its subset named {@code stable}. Null when the rule sends
     * to several backends otherwise.
     */
    Destination inferStable(ObjectNode routing, ObjectRef ref, String ruleName);

    /**
     * The name of the rule {@code ruleName} (or, when null, the default rule with these sides)
     * designates; null when that rule has no name. Throws
     * {@link io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException} when there is no
     * such rule or the default rule finds several.
     *
     * @param stable the stable side, or null when not known (any catch-all rule then counts)
     */
    String managedRouteName(ObjectNode routing, ObjectRef ref, String ruleName, Destination stable, Destination canary);

    /**
     * The managed rule's index in the rules array ({@link RouteKind#rulesPointer}) for a write's
     * route-scoped guard, or -1 when the write must be guarded by the whole object.
     */
    int guardIndex(ObjectNode routing, String ruleName);

    /** The provider of {@code kind}; every kind has exactly one. */
    static TrafficRouter forKind(RouteKind kind) {
        return switch (kind) {
            case VIRTUAL_SERVICE -> new IstioTrafficRouter();
            case HTTP_ROUTE -> new HttpRouteRouter();
        };
    }
}
