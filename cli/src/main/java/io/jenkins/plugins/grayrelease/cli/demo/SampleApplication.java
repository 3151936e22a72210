package io.jenkins.plugins.grayrelease.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's application, as plain YAML in {@code sample-app.yaml} beside this class so that
 * anyone trying {@code demo --keep} can read exactly what the sandbox holds.
 */
public final class SampleApplication {

    public static final String NAMESPACE = "demo";
    public static final String SERVICE = "reviews";
    public static final String STABLE_SUBSET = "v1";
    public static final String CANARY_SUBSET = "v2";
    /** The application team's own header route, which the release must leave untouched. */
    public static final String PARTNER_ROUTE = "partner-acme";

    private SampleApplication() {
    }

    /** The release the demo walks: {@code reviews} from subset v1 to v2. */
    public static ReleaseTarget target() {
        return ReleaseTarget.builder(NAMESPACE, SERVICE).stableSubset(STABLE_SUBSET).canarySubset(CANARY_SUBSET).build();
    }

    /** Creates the namespace, Service, both Deployments, the DestinationRule and the VirtualService. */
    public static void install(KubernetesClient client) {
        install(client, objects());
    }

    /** Creates {@code objects}, as read by {@link #objects()}. */
    public static void install(KubernetesClient client, List<HasMetadata> objects) {
        for (HasMetadata object : objects) {
            client.resource(object).create();
        }
    }

    /**
     * The objects of {@code sample-app.yaml}, read as their model classes by kind. Reading them
     * through the client's generic loader would first index every resource type on the class
     * path, which costs seconds of the demo's start.
     */
    public static List<HasMetadata> objects() {
        try (InputStream yaml = SampleApplication.class.getResourceAsStream("sample-app.yaml")) {
            if (yaml == null) {
                throw new IllegalStateException("sample-app.yaml is missing from the grayctl jar; rebuild it");
            }
            YAMLMapper mapper = new YAMLMapper();
            List<HasMetadata> objects = new ArrayList<>();
            try (MappingIterator<JsonNode> documents = mapper.readValues(mapper.createParser(yaml), JsonNode.class)) {
                while (documents.hasNext()) {
                    JsonNode document = documents.next();
                    objects.add(mapper.treeToValue(document, modelClass(document.path("kind").asText())));
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<? extends HasMetadata> modelClass(String kind) {
        return switch (kind) {
            case "Namespace" -> Namespace.class;
            case "Service" -> Service.class;
            case "Deployment" -> Deployment.class;
            case "DestinationRule" -> DestinationRule.class;
            case "VirtualService" -> VirtualService.class;
            default -> throw new IllegalStateException("sample-app.yaml holds a " + kind + ", which the demo does not know");
        };
    }
}
