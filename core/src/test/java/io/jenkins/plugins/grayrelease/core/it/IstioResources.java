package io.jenkins.plugins.grayrelease.core.it;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Untyped access to Istio objects exactly as the server stores them: no model class drops or
 * defaults a field, so what tests read back is what Istio would see. The resource names are
 * given explicitly so a request right after the CRDs are established needs no discovery.
 */
public final class IstioResources {

    private IstioResources() {
    }

    public static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            virtualServices(KubernetesClient client) {
        return client.genericKubernetesResources(networking("VirtualService", "virtualservices"));
    }

    public static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            destinationRules(KubernetesClient client) {
        return client.genericKubernetesResources(networking("DestinationRule", "destinationrules"));
    }

    private static ResourceDefinitionContext networking(String kind, String plural) {
        return new ResourceDefinitionContext.Builder()
                .withGroup("networking.istio.io").withVersion("v1")
                .withKind(kind).withPlural(plural).withNamespaced(true)
                .build();
    }
}
