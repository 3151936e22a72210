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
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Objects written as YAML, read and created on a server (the sandbox or a real API server). The
 * custom kinds of {@link SandboxKinds} stay generic resources, so that every field reaches the
 * server exactly as written, even one the client's model does not know.
 */
public final class SandboxObjects {

    private static final YAMLMapper YAML = new YAMLMapper();

    private SandboxObjects() {
    }

    /**
     * Every document of a multi-document YAML. Namespaces, Services and Deployments are read as
     * their model classes directly: the client's generic loader would first index every resource
     * type on the class path (seconds of a demo's start). Other kinds go through that loader.
     */
    public static List<HasMetadata> read(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readValues(YAML.createParser(yaml), JsonNode.class)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && document.isObject()) {
                    objects.add(object(document));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    /** Creates every object of a multi-document YAML in {@code namespace}; see {@link #create(KubernetesClient, String, List)}. */
    public static void create(KubernetesClient client, String namespace, String yaml) {
        create(client, namespace, read(yaml));
    }

    /**
     * Creates {@code objects} in {@code namespace}; a Namespace among them is created as {@code namespace} itself.
     * A Deployment's status is then written as its controller would once it is rolled out (every
     * replica ready and available): neither the sandbox nor a bare API server runs a controller, and
     * the engine sends traffic only to rolled-out workloads. Tests of workloads that are not ready
     * overwrite that status, or run on the control plane with a controller manager.
     */
    public static void create(KubernetesClient client, String namespace, List<HasMetadata> objects) {
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
            } else if (object instanceof Deployment deployment) {
                Deployment created = client.apps().deployments().inNamespace(namespace).resource(deployment).create();
                created.setStatus(SimulatedRollouts.rolledOutStatus(created));
                client.apps().deployments().inNamespace(namespace).resource(created).updateStatus();
            } else {
                client.resource(object).inNamespace(namespace).create();
            }
        }
    }

    private static HasMetadata object(JsonNode document) throws IOException {
        String kind = document.path("kind").asText();
        if (SandboxKinds.of(document.path("apiVersion").asText(), kind) != null) {
            return YAML.treeToValue(document, GenericKubernetesResource.class);
        }
        return switch (kind) {
            case "Namespace" -> YAML.treeToValue(document, Namespace.class);
            case "Service" -> YAML.treeToValue(document, Service.class);
            case "Deployment" -> YAML.treeToValue(document, Deployment.class);
            default -> Loader.SERIALIZATION.unmarshal(document.toString());
        };
    }

    /** The client's generic loader, built only when a document needs it. */
    private static final class Loader {
        static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    }
}
