package io.jenkins.plugins.grayrelease.core.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKinds;
import io.jenkins.plugins.grayrelease.sandbox.SandboxObjects;
import java.util.List;

/** Small helpers for tests that lay out objects across namespaces on the real API server. */
final class Cluster {

    private Cluster() {
    }

    /** Creates a namespace with exactly this name unless it exists (istio-system is shared by tests). */
    static void ensureNamespace(KubernetesClient client, String name) {
        if (client.namespaces().withName(name).get() != null) {
            return;
        }
        try {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    /** Creates the YAML documents (Istio kinds as generic objects) in {@code namespace}. */
    static void install(KubernetesClient client, String namespace, String yaml) {
        SandboxObjects.create(client, namespace, yaml);
    }

    static ObjectNode virtualService(KubernetesClient client, String namespace, String name) {
        return tree(client, client.genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE).inNamespace(namespace).withName(name).get());
    }

    static ObjectNode destinationRule(KubernetesClient client, String namespace, String name) {
        return tree(client, client.genericKubernetesResources(SandboxKinds.DESTINATION_RULE).inNamespace(namespace).withName(name).get());
    }

    static List<GenericKubernetesResource> objects(KubernetesClient client, String vsNamespace, String vs, String drNamespace, String dr) {
        return List.of(client.genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE).inNamespace(vsNamespace).withName(vs).get(),
                client.genericKubernetesResources(SandboxKinds.DESTINATION_RULE).inNamespace(drNamespace).withName(dr).get());
    }

    private static ObjectNode tree(KubernetesClient client, GenericKubernetesResource r) {
        return r == null ? null : client.getKubernetesSerialization().convertValue(r, ObjectNode.class);
    }
}
