package io.jenkins.plugins.grayrelease.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample application: the {@code reviews} service of Istio's Bookinfo example in namespace
 * {@code demo} — its Service, Deployments {@code reviews-v1} (stable) and {@code reviews-v2}
 * (canary), a DestinationRule with subsets v1 and v2, and a VirtualService whose team pins one
 * partner to v1 with a header route of its own ({@code partner-acme}) before the route a release
 * manages ({@code primary}). Kept as plain YAML in {@code sample-app.yaml} beside this class, so
 * that anyone trying {@code grayctl demo --keep} can read exactly what the sandbox holds.
 */
public final class SampleApplication {

    public static final String NAMESPACE = "demo";
    public static final String SERVICE = "reviews";
    public static final String STABLE_SUBSET = "v1";
    public static final String CANARY_SUBSET = "v2";
    /** The route a release manages: the one without {@code match} that sends everything to v1. */
    public static final String MANAGED_ROUTE = "primary";
    /** The application team's own header route, which a release must leave untouched. */
    public static final String PARTNER_ROUTE = "partner-acme";

    private static final String RESOURCE = "sample-app.yaml";

    private SampleApplication() {
    }

    /** The objects as YAML, with comments, as the sandbox holds them. */
    public static String yaml() {
        try (InputStream in = resource()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The objects, the namespace first: Namespace, Service and Deployments as their model classes,
     * the Istio kinds as generic resources (so every field reaches the server as written). Read by
     * kind rather than through the client's generic loader, which would first index every resource
     * type on the class path (seconds of a demo's start).
     */
    public static List<HasMetadata> objects() {
        YAMLMapper mapper = new YAMLMapper();
        List<HasMetadata> objects = new ArrayList<>();
        try (InputStream in = resource();
             MappingIterator<JsonNode> documents = mapper.readValues(mapper.createParser(in), JsonNode.class)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                objects.add(mapper.treeToValue(document, modelClass(document.path("kind").asText())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    /** Creates every object in {@link #NAMESPACE}, the namespace included. */
    public static void install(KubernetesClient client) {
        install(client, objects(), NAMESPACE);
    }

    /** Creates every object in {@code namespace} (so that tests can hold one copy each), the namespace included. */
    public static void install(KubernetesClient client, String namespace) {
        install(client, objects(), namespace);
    }

    /** Creates {@code objects}, as read by {@link #objects()}, in {@code namespace}. */
    public static void install(KubernetesClient client, List<HasMetadata> objects, String namespace) {
        for (HasMetadata object : objects) {
            if (object instanceof Namespace ns) {
                ns.getMetadata().setName(namespace);
                client.resource(ns).create();
                continue;
            }
            object.getMetadata().setNamespace(namespace);
            CustomResourceDefinitionContext kind = SandboxKinds.of(object.getApiVersion(), object.getKind());
            if (kind != null) {
                client.genericKubernetesResources(kind).inNamespace(namespace).resource((GenericKubernetesResource) object).create();
            } else {
                client.resource(object).inNamespace(namespace).create();
            }
        }
    }

    private static InputStream resource() {
        InputStream in = SampleApplication.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the class path; rebuild the sandbox module");
        }
        return in;
    }

    private static Class<? extends HasMetadata> modelClass(String kind) {
        return switch (kind) {
            case "Namespace" -> Namespace.class;
            case "Service" -> Service.class;
            case "Deployment" -> Deployment.class;
            case "DestinationRule", "VirtualService" -> GenericKubernetesResource.class;
            default -> throw new IllegalStateException(RESOURCE + " holds a " + kind + ", which the sandbox does not know");
        };
    }
}
