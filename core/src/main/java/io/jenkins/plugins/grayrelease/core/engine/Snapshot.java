package io.jenkins.plugins.grayrelease.core.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.errors.MissingObjectException;
import io.jenkins.plugins.grayrelease.core.routing.TrafficRouter;
import io.jenkins.plugins.grayrelease.core.state.RecordLocator;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import io.jenkins.plugins.grayrelease.core.state.ReleaseStateCodec;

/**
 * The objects of one release as read in one attempt.
 *
 * @param virtualService  the VirtualService; never null
 * @param destinationRule the DestinationRule, or null when it does not exist
 * @param record          the managed route's release record as found
 */
public record Snapshot(ObjectNode virtualService, ObjectNode destinationRule, RecordLocator.Located record) {

    public static Snapshot read(IstioResources istio, ReleaseTarget target, TrafficRouter router) {
        return read(istio, target, router, null, true);
    }

    /**
     * Reads the release, from the session's memory where it may: the VirtualService last read or
     * stored, and the DestinationRule when its subsets were checked for the same sides. With
     * {@code fresh} both are read from the server (and remembered).
     *
     * @param cache the session's memory, or null outside a session
     */
    public static Snapshot read(IstioResources istio, ReleaseTarget target, TrafficRouter router, SessionCache cache, boolean fresh) {
        ObjectRef ref = target.virtualServiceRef();
        SessionCache.Entry kept = cache == null || fresh ? null : cache.get(ref);
        ObjectNode vs = kept != null ? kept.virtualService() : istio.get(IstioResources.VIRTUAL_SERVICE, target.virtualServiceNamespace(), target.virtualServiceName());
        if (vs == null) {
            throw new MissingObjectException(ref,
                    "Create the VirtualService for service '" + target.service() + "', or name yours (grayctl --virtual-service; Jenkins virtualService:)");
        }
        RecordLocator.Located record = RecordLocator.forTarget(vs, target, router);
        String sides = sides(target, record);
        ObjectNode dr = kept != null && kept.destinationRule() != null && sides.equals(kept.sides())
                ? kept.destinationRule()
                : istio.get(IstioResources.DESTINATION_RULE, target.namespace(), target.destinationRule());
        if (cache != null) {
            cache.read(ref, vs, dr, sides);
        }
        return new Snapshot(vs, dr, record);
    }

    /** The sides a DestinationRule check is for: as {@link SideResolver} picks them, named first, then recorded. */
    private static String sides(ReleaseTarget target, RecordLocator.Located record) {
        ReleaseState state = record.decoded().state();
        Object stable = target.stable() != null ? target.stable() : state != null ? state.stable() : null;
        Object canary = target.canary() != null ? target.canary() : state != null ? state.canary() : null;
        return stable + "|" + canary;
    }

    /** The managed route's decoded release record. */
    public ReleaseStateCodec.Decoded state() {
        return record.decoded();
    }
}
