package io.jenkins.plugins.grayrelease.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.routing.TrafficRouter;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the release record of one managed route among the VirtualService's record annotations
 * ({@link StateAnnotations}), reading a record of the single-record format as the record of the
 * route the engine then managed by default.
 */
public final class RecordLocator {

    /**
     * A route's record as found.
     *
     * @param routeName  the managed route's name, or null when unnamed (or not found: then {@code decoded} says why)
     * @param decoded    the record, or the reason there is none
     * @param fromLegacy the record is the single-record annotation, to be replaced by the route's own on the next write
     */
    public record Located(String routeName, ReleaseStateCodec.Decoded decoded, boolean fromLegacy) {

        /** Whether writing {@code writtenRoute}'s record replaces the single-record annotation this record came from. */
        public boolean movesLegacyTo(String writtenRoute) {
            return fromLegacy && Objects.equals(routeName, writtenRoute);
        }
    }

    private RecordLocator() {
    }

    /**
     * The record of the route {@code target} manages. When the target names no route and gives
     * no stable side, the default rule may need the record's own stable side to find the route
     * (several catch-all routes): then the one record whose sides designate its own route wins.
     */
    public static Located forTarget(ObjectNode vs, ReleaseTarget target, TrafficRouter router) {
        ObjectRef ref = target.routingRef();
        if (target.route() != null) {
            return forRoute(vs, ref, target.route(), router);
        }
        try {
            return forRoute(vs, ref, router.managedRouteName(vs, ref, null, target.stable(), target.canary()), router);
        } catch (InvalidReleaseException e) {
            Set<Route> claimed = new HashSet<>();
            for (Map.Entry<String, JsonNode> entry : annotations(vs).properties()) {
                if (!StateAnnotations.isRecord(entry.getKey())) {
                    continue;
                }
                ReleaseState state = ReleaseStateCodec.decode(entry.getValue().asText(), entry.getKey()).state();
                Route route = state == null ? null : routeOf(vs, ref, state.stable(), state.canary(), router);
                if (route != null && (entry.getKey().equals(StateAnnotations.LEGACY) || StateAnnotations.keyFor(route.name()).equals(entry.getKey()))) {
                    claimed.add(route);
                }
            }
            if (claimed.size() != 1) {
                return new Located(null, new ReleaseStateCodec.Decoded(null, "no release state read: " + e.getMessage()), false);
            }
            return forRoute(vs, ref, claimed.iterator().next().name(), router);
        }
    }

    /** The record of the route named {@code routeName} (null: the unnamed route). */
    public static Located forRoute(ObjectNode vs, ObjectRef ref, String routeName, TrafficRouter router) {
        String key = StateAnnotations.keyFor(routeName);
        ReleaseStateCodec.Decoded own = StateAnnotations.read(vs, key);
        JsonNode legacy = annotations(vs).get(StateAnnotations.LEGACY);
        if (key.equals(StateAnnotations.LEGACY) || annotations(vs).has(key) || legacy == null) {
            return new Located(routeName, own, false);
        }
        ReleaseStateCodec.Decoded old = ReleaseStateCodec.decode(legacy.asText(), StateAnnotations.LEGACY);
        // The old record names no route: it is the record of the route the default rule picks
        // with its sides (a broken one: the only catch-all route).
        ReleaseState state = old.state();
        Route owner = state == null ? routeOf(vs, ref, null, null, router) : routeOf(vs, ref, state.stable(), state.canary(), router);
        if (owner != null && routeName.equals(owner.name())) {
            return new Located(routeName, old, true);
        }
        return new Located(routeName, own, false);
    }

    /** A route found by the default rule; its name may be null (an unnamed route). */
    private record Route(String name) {
    }

    /** The route the default rule picks with these sides, or null when it finds none or several. */
    private static Route routeOf(ObjectNode vs, ObjectRef ref, Destination stable, Destination canary, TrafficRouter router) {
        try {
            return new Route(router.managedRouteName(vs, ref, null, stable, canary));
        } catch (InvalidReleaseException e) {
            return null;
        }
    }

    private static JsonNode annotations(JsonNode vs) {
        return vs.path("metadata").path("annotations");
    }
}
