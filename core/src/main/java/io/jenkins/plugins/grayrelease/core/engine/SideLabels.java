package io.jenkins.plugins.grayrelease.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.routing.SubsetCheck;
import java.util.Map;

/** The pod labels that select one side: its subset's labels, or (two-host layout) its Service's selector. */
final class SideLabels {

    private SideLabels() {
    }

    /** Null when the side is a subset the DestinationRule lacks. */
    static Map<String, String> of(KubernetesClient client, String namespace, JsonNode destinationRule, Destination side) {
        if (side.hasSubset()) {
            return SubsetCheck.labels(destinationRule, side.subset());
        }
        String name = side.host().split("\\.")[0];
        Service service = client.services().inNamespace(namespace).withName(name).get();
        if (service == null || service.getSpec().getSelector() == null || service.getSpec().getSelector().isEmpty()) {
            throw new InvalidReleaseException(new ObjectRef(namespace, "Service", name), "spec.selector",
                    "the Service of host " + side.host() + " is missing or selects no pods",
                    "Create the Service with a selector for this side's pods");
        }
        return service.getSpec().getSelector();
    }
}
