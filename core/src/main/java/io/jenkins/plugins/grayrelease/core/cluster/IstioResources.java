package io.jenkins.plugins.grayrelease.core.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.Consumer;

/**
 * Istio objects read and patched as generic JSON trees, never through a typed model, so that
 * fields a model does not know survive. The resource contexts are explicit, so no API discovery
 * request is needed.
 */
public final class IstioResources {

    public static final ResourceDefinitionContext VIRTUAL_SERVICE = context("VirtualService", "virtualservices");
    public static final ResourceDefinitionContext DESTINATION_RULE = context("DestinationRule", "destinationrules");

    private final KubernetesClient client;

    public IstioResources(KubernetesClient client) {
        this.client = client;
    }

    private static ResourceDefinitionContext context(String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup("networking.istio.io").withVersion("v1")
                .withKind(kind).withPlural(plural).withNamespaced(true).build();
    }

    /** The API server's URL (which server the objects live on). */
    public String server() {
        return client.getConfiguration().getMasterUrl();
    }

    /** The object as a JSON tree, or null when it does not exist. */
    public ObjectNode get(ResourceDefinitionContext type, String namespace, String name) {
        GenericKubernetesResource found = resource(type, namespace, name).get();
        return found == null ? null : client.getKubernetesSerialization().convertValue(found, ObjectNode.class);
    }

    /**
     * Sends an RFC 6902 JSON Patch: one PATCH request, nothing else. There is deliberately no
     * dry-run variant: the mock server stores JSON patches sent with {@code dryRun=All}; dry runs
     * go through {@link #validateOnServer}.
     *
     * @return the object as the server stored it
     */
    public ObjectNode patch(ResourceDefinitionContext type, String namespace, String name, String jsonPatch) {
        return patch(type, namespace, name, jsonPatch, false);
    }

    /**
     * {@link #patch(ResourceDefinitionContext, String, String, String)}, and with {@code strict} a
     * field the installed CRD does not know is refused (422, naming the field) instead of being
     * dropped in silence: a Gateway API CRD older than a field the engine writes (the mirror's
     * {@code percent} came with 1.3) must not turn "mirror 10 %" into "mirror everything".
     */
    public ObjectNode patch(ResourceDefinitionContext type, String namespace, String name, String jsonPatch, boolean strict) {
        Resource<GenericKubernetesResource> target = target(type, namespace, name);
        GenericKubernetesResource stored = strict
                ? target.fieldValidation(FieldValidateable.Validation.STRICT).patch(PatchContext.of(PatchType.JSON), jsonPatch)
                : target.patch(PatchContext.of(PatchType.JSON), jsonPatch);
        return client.getKubernetesSerialization().convertValue(stored, ObjectNode.class);
    }

    /**
     * Asks the API server to validate {@code object} as it would store it, storing nothing: a
     * server-side apply with {@code dryRun=All}. Server-side apply rather than the JSON Patch
     * because a server that does not know dry run cannot store it by mistake: the fabric8 mock
     * server ignores {@code dryRun=All} on JSON patches (and stores them) but refuses apply
     * patches with 415. The object's resourceVersion makes it fail with 409 on a stale read.
     *
     * @return the object as the server would store it
     */
    public ObjectNode validateOnServer(ResourceDefinitionContext type, ObjectNode object) {
        ObjectNode applied = object.deepCopy();
        if (applied.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields"); // refused in an apply body
        }
        applied.remove("status");
        String namespace = applied.path("metadata").path("namespace").asText();
        String name = applied.path("metadata").path("name").asText();
        PatchContext apply = new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager("gray-release-dry-run").withForce(true).build();
        GenericKubernetesResource wouldBe = target(type, namespace, name).dryRun().patch(apply, applied.toString());
        return client.getKubernetesSerialization().convertValue(wouldBe, ObjectNode.class);
    }

    /**
     * The object to patch, named by a stub that holds only its identity. fabric8's
     * {@code withName(name).patch(context, String)} first GETs the whole object (only to learn
     * the URL it already knows); with the stub as the operation's item it sends just the PATCH.
     * The stub's content is never sent: the patch body is.
     */
    private Resource<GenericKubernetesResource> target(ResourceDefinitionContext type, String namespace, String name) {
        GenericKubernetesResource stub = new GenericKubernetesResourceBuilder()
                .withApiVersion(type.getGroup() + "/" + type.getVersion()).withKind(type.getKind())
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata().build();
        return client.genericKubernetesResources(type).inNamespace(namespace).resource(stub);
    }

    /**
     * Calls {@code onChange} with the object as stored, once when it starts (when the object
     * exists) and after every change, until the returned handle is closed. An informer, so a
     * dropped connection is listed again and re-watched by the client.
     */
    public AutoCloseable watch(ResourceDefinitionContext type, String namespace, String name, Consumer<ObjectNode> onChange) {
        io.fabric8.kubernetes.client.informers.SharedIndexInformer<GenericKubernetesResource> informer;
        try {
            informer = resource(type, namespace, name).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                onChange.accept(client.getKubernetesSerialization().convertValue(obj, ObjectNode.class));
            }

            @Override
            public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                onChange.accept(client.getKubernetesSerialization().convertValue(newObj, ObjectNode.class));
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                // A deleted routing object leaves nothing to watch; the run's next write reports it.
            }
        }, 0);
        } catch (RuntimeException e) {
            // The informer wraps the API server's answer (a 403 on list or watch); the engine names what was refused.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof KubernetesClientException k && k.getCode() > 0) {
                    throw k.getCode() == 403 ? refusedWatch(k, type, namespace, name) : k;
                }
            }
            throw e;
        }
        return informer::close;
    }

    /**
     * A refused watch as the API server words a refused request. fabric8 reports a watch refused on
     * its websocket without the server's sentence, so the sentence (who may not do what, where) is
     * rebuilt, with the identity the server confirms.
     */
    private KubernetesClientException refusedWatch(KubernetesClientException refused, ResourceDefinitionContext type, String namespace,
            String name) {
        String said = refused.getStatus() == null ? null : refused.getStatus().getMessage();
        if (said != null && said.contains(" cannot ")) {
            return refused;
        }
        String user = ClusterIdentity.of(client, "this identity");
        String message = type.getPlural() + "." + type.getGroup() + " \"" + name + "\" is forbidden: User \"" + user
                + "\" cannot watch resource \"" + type.getPlural() + "\" in API group \"" + type.getGroup()
                + "\" in the namespace \"" + namespace + "\"";
        return new KubernetesClientException(new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(403).withReason("Forbidden")
                .withMessage(message).build());
    }

    private Resource<GenericKubernetesResource> resource(ResourceDefinitionContext type, String namespace, String name) {
        return client.genericKubernetesResources(type).inNamespace(namespace).withName(name);
    }
}
