package io.jenkins.plugins.grayrelease.core.it;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The sample "reviews" service's Istio objects (test resources under {@code it/}), created as
 * untyped objects so every field reaches the server exactly as written.
 */
public final class SampleIstioObjects {

    public static final String SERVICE = "reviews";

    private SampleIstioObjects() {
    }

    public static GenericKubernetesResource virtualService(KubernetesClient client) {
        return read(client, "/it/reviews-virtualservice.yaml");
    }

    public static GenericKubernetesResource destinationRule(KubernetesClient client) {
        return read(client, "/it/reviews-destinationrule.yaml");
    }

    /** Creates the VirtualService and DestinationRule in {@code namespace}. */
    public static void install(KubernetesClient client, String namespace) {
        IstioResources.virtualServices(client).inNamespace(namespace).resource(virtualService(client)).create();
        IstioResources.destinationRules(client).inNamespace(namespace).resource(destinationRule(client)).create();
    }

    static GenericKubernetesResource read(KubernetesClient client, String resource) {
        try (InputStream in = SampleIstioObjects.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
