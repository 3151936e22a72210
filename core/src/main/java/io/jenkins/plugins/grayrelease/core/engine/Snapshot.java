package io.jenkins.plugins.grayrelease.core.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.errors.MissingObjectException;
import io.jenkins.plugins.grayrelease.core.routing.TrafficRouter;
import io.jenkins.plugins.grayrelease.core.state.RecordLocator;
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
        ObjectNode vs = istio.get(IstioResources.VIRTUAL_SERVICE, target.virtualServiceNamespace(), target.virtualServiceName());
        if (vs == null) {
            throw new MissingObjectException(target.virtualServiceRef(),
                    "Create the VirtualService for service '" + target.service() + "', or name yours (grayctl --virtual-service; Jenkins virtualService:)");
        }
        ObjectNode dr = istio.get(IstioResources.DESTINATION_RULE, target.namespace(), target.destinationRule());
        return new Snapshot(vs, dr, RecordLocator.forTarget(vs, target, router));
    }

    /** The managed route's decoded release record. */
    public ReleaseStateCodec.Decoded state() {
        return record.decoded();
    }

    public String resourceVersion() {
        return virtualService.path("metadata").path("resourceVersion").asText(null);
    }
}
