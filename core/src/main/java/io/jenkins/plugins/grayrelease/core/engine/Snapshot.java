package io.jenkins.plugins.grayrelease.core.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.cluster.RouteResources;
import io.jenkins.plugins.grayrelease.core.errors.MissingObjectException;
import io.jenkins.plugins.grayrelease.core.routing.TrafficRouter;
import io.jenkins.plugins.grayrelease.core.state.RecordLocator;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import io.jenkins.plugins.grayrelease.core.state.ReleaseStateCodec;

/**
 * The objects of one release as read in one attempt, with the provider that understands them.
 *
 * @param routing the routing object (VirtualService or HTTPRoute); never null
 * @param subsets the subset definitions (DestinationRule), or null when they do not exist or the provider has none
 * @param record  the managed rule's release record as found
 * @param router  the target's traffic provider
 */
record Snapshot(ObjectNode routing, ObjectNode subsets, RecordLocator.Located record, TrafficRouter router) {

    static Snapshot read(IstioResources istio, ReleaseTarget target) {
        return read(istio, target, null, true);
    }

    /**
     * Reads the release, from the session's memory where it may: the routing object last read or
     * stored, and the DestinationRule when its subsets were checked for the same sides. With
     * {@code fresh} both are read from the server (and remembered).
     *
     * @param cache the session's memory, or null outside a session
     */
    static Snapshot read(IstioResources istio, ReleaseTarget target, SessionCache cache, boolean fresh) {
        TrafficRouter router = TrafficRouter.forKind(target.routeKind());
        ObjectRef ref = target.routingRef();
        SessionCache.Entry kept = cache == null || fresh ? null : cache.get(ref);
        ObjectNode routing = kept != null ? kept.virtualService()
                : istio.get(RouteResources.of(target.routeKind()), target.routingNamespace(), target.routingName());
        if (routing == null) {
            throw new MissingObjectException(ref, target.routeKind() == RouteKind.HTTP_ROUTE
                    ? "Create the HTTPRoute '" + target.routingName() + "', or name yours (grayctl --http-route; Jenkins httpRoute:)"
                    : "Create the VirtualService for service '" + target.service() + "', or name yours (grayctl --virtual-service; Jenkins virtualService:)");
        }
        RecordLocator.Located record = RecordLocator.forTarget(routing, target, router);
        String sides = sides(target, record);
        ObjectNode subsets = null;
        if (target.routeKind() == RouteKind.VIRTUAL_SERVICE) {
            subsets = kept != null && kept.destinationRule() != null && sides.equals(kept.sides())
                    ? kept.destinationRule()
                    : istio.get(IstioResources.DESTINATION_RULE, target.namespace(), target.destinationRule());
        }
        if (cache != null) {
            cache.read(ref, routing, subsets, sides);
        }
        return new Snapshot(routing, subsets, record, router);
    }

    /** The sides a DestinationRule check is for: as {@link SideResolver} picks them, named first, then recorded. */
    private static String sides(ReleaseTarget target, RecordLocator.Located record) {
        ReleaseState state = record.decoded().state();
        Object stable = target.stable() != null ? target.stable() : state != null ? state.stable() : null;
        Object canary = target.canary() != null ? target.canary() : state != null ? state.canary() : null;
        return stable + "|" + canary;
    }

    /** The managed rule's decoded release record. */
    ReleaseStateCodec.Decoded state() {
        return record.decoded();
    }
}
