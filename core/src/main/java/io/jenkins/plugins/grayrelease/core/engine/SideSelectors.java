package io.jenkins.plugins.grayrelease.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.routing.SubsetCheck;
import io.jenkins.plugins.grayrelease.core.workload.SideSelector;
import java.util.Map;

/**
 * Which pods a side sends to, as Istio picks them: the side's Service's selector and, for a subset,
 * the subset's labels (see {@link SideSelector}). The one place the engine decides this, for deploy's
 * stable template, the readiness gate, status and clean-up. A Service's selector is read once per
 * session.
 */
final class SideSelectors {

    private static final String SELECTOR = "spec.selector";

    private final KubernetesClient client;
    private final RetryLoop retry;

    SideSelectors(KubernetesClient client, RetryLoop retry) {
        this.client = client;
        this.retry = retry;
    }

    /**
     * The side's selector, or null when the side is a subset the DestinationRule lacks.
     * Called inside the engine's retry loop.
     *
     * @param subsets the DestinationRule as it is (or as a plan will store it)
     * @param session the session's memory, or null
     */
    SideSelector of(ReleaseTarget target, JsonNode subsets, Destination side, SessionCache session) {
        Map<String, String> subsetLabels = Map.of();
        if (side.hasSubset()) {
            subsetLabels = SubsetCheck.labels(subsets, side.subset());
            if (subsetLabels == null) {
                return null;
            }
        }
        ObjectRef service = serviceOf(target, side);
        return new SideSelector(service.name(), selector(service, side, session), subsetLabels);
    }

    /** The Service behind a side's host: {@code reviews}, {@code reviews.shop}, {@code reviews.shop.svc.cluster.local}. */
    static ObjectRef serviceOf(ReleaseTarget target, Destination side) {
        String[] parts = side.host().split("\\.");
        String namespace = parts.length > 1 ? parts[1]
                : target.routeKind() == RouteKind.HTTP_ROUTE ? target.routingNamespace() : target.namespace();
        return new ObjectRef(namespace, "Service", parts[0]);
    }

    private Map<String, String> selector(ObjectRef ref, Destination side, SessionCache session) {
        Map<String, String> known = session == null ? null : session.serviceSelector(ref);
        if (known != null) {
            return known;
        }
        // Its own retry: a refused or failed read is reported naming the Service and its selector.
        Service service = retry.run(ref, SELECTOR, p -> client.services().inNamespace(ref.namespace()).withName(ref.name()).get());
        if (service == null || service.getSpec() == null || service.getSpec().getSelector() == null
                || service.getSpec().getSelector().isEmpty()) {
            throw new InvalidReleaseException(ref, SELECTOR, "the Service of " + side + " is missing or selects no pods, so the engine cannot tell"
                    + " which Deployments serve it",
                    "Create the Service with a selector for this side's pods, or, when the workloads run where the engine cannot see them"
                            + " (another cluster, a ServiceEntry), turn the readiness gate off (grayctl --no-readiness-gate; Jenkins and plans: readinessGate: false)");
        }
        if (session != null) {
            session.serviceSelector(ref, service.getSpec().getSelector());
        }
        return service.getSpec().getSelector();
    }
}
