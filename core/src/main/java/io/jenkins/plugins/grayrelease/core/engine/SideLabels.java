package io.jenkins.plugins.grayrelease.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.routing.SubsetCheck;
import java.util.Map;

/**
 * The pod labels that select one side: its subset's labels, or (two-host layout) its Service's
 * selector. The Service is read through the retry loop, so a refused or failed read is reported
 * like any other, naming the Service and its selector.
 */
final class SideLabels {

    private static final String SELECTOR = "spec.selector";

    private final KubernetesClient client;
    private final RetryLoop retry;

    SideLabels(KubernetesClient client, RetryLoop retry) {
        this.client = client;
        this.retry = retry;
    }

    /** Null when the side is a subset the DestinationRule lacks. */
    Map<String, String> of(String namespace, JsonNode destinationRule, Destination side) {
        if (side.hasSubset()) {
            return SubsetCheck.labels(destinationRule, side.subset());
        }
        ObjectRef ref = new ObjectRef(namespace, "Service", side.host().split("\\.")[0]);
        Service service = retry.run(ref, SELECTOR, p -> client.services().inNamespace(namespace).withName(ref.name()).get());
        if (service == null || service.getSpec().getSelector() == null || service.getSpec().getSelector().isEmpty()) {
            throw new InvalidReleaseException(ref, SELECTOR,
                    "the Service of host " + side.host() + " is missing or selects no pods",
                    "Create the Service with a selector for this side's pods");
        }
        return service.getSpec().getSelector();
    }
}
