package io.jenkins.plugins.grayrelease.core.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.cluster.Forbidden;
import io.jenkins.plugins.grayrelease.core.cluster.RouteResources;
import io.jenkins.plugins.grayrelease.core.state.RecordedRelease;
import io.jenkins.plugins.grayrelease.core.state.ReleaseListing;
import io.jenkins.plugins.grayrelease.core.state.ReleaseStateCodec;
import io.jenkins.plugins.grayrelease.core.state.StateAnnotations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Every release record in a namespace or in all namespaces: one list request per kind of routing
 * object (VirtualService, HTTPRoute), each record annotation decoded. A kind whose resource the
 * cluster does not serve (no Gateway API installed) simply has no records; a kind this identity may
 * not list is named in the listing (a Role for VirtualServices alone still lists those), and only
 * when no kind may be listed is the refusal an error.
 */
final class ReleaseLister {

    private static final int NOT_FOUND = 404;
    private static final int FORBIDDEN = 403;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KubernetesClient client;
    private final RetryLoop retry;

    ReleaseLister(KubernetesClient client, RetryLoop retry) {
        this.client = client;
        this.retry = retry;
    }

    /**
     * @param namespace the namespace, or null for all namespaces
     * @throws io.jenkins.plugins.grayrelease.core.errors.ClusterApiException when no kind may be listed at all, or the server fails
     */
    ReleaseListing list(String namespace) {
        List<RecordedRelease> all = new ArrayList<>();
        List<String> notListed = new ArrayList<>();
        KubernetesClientException refused = null;
        for (RouteKind kind : RouteKind.values()) {
            ObjectRef listed = new ObjectRef(namespace, kind.kind(), "*");
            try {
                all.addAll(retry.run(listed, progress -> records(kind, namespace)));
            } catch (ListRefused e) {
                refused = e.cause;
                notListed.add(kind.kind() + " releases are not listed: " + Forbidden.of(e.cause).describe());
            }
        }
        if (notListed.size() == RouteKind.values().length) {
            // Nothing could be listed: a 403 like any other read's, with its hint.
            ObjectRef first = new ObjectRef(namespace, RouteKind.values()[0].kind(), "*");
            KubernetesClientException cause = refused;
            retry.run(first, progress -> {
                throw cause;
            });
        }
        all.sort(Comparator.comparing(RecordedRelease::namespace).thenComparing(RecordedRelease::name)
                .thenComparing(r -> r.route() == null ? "" : r.route()).thenComparing(r -> r.kind().ordinal()));
        return new ReleaseListing(all, notListed);
    }

    /** A 403 on one kind's list: the other kind may still be listed. */
    private static final class ListRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient KubernetesClientException cause;

        ListRefused(KubernetesClientException cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }
    }

    private List<RecordedRelease> records(RouteKind kind, String namespace) {
        var resources = client.genericKubernetesResources(RouteResources.of(kind));
        List<GenericKubernetesResource> items;
        try {
            items = (namespace == null ? resources.inAnyNamespace() : resources.inNamespace(namespace)).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == NOT_FOUND) {
                return List.of();
            }
            if (e.getCode() == FORBIDDEN) {
                throw new ListRefused(e);
            }
            throw e;
        }
        List<RecordedRelease> found = new ArrayList<>();
        for (GenericKubernetesResource item : items) {
            ObjectNode object = client.getKubernetesSerialization().convertValue(item, ObjectNode.class);
            for (Map.Entry<String, JsonNode> annotation : object.path("metadata").path("annotations").properties()) {
                if (StateAnnotations.isRecord(annotation.getKey())) {
                    found.add(record(kind, item, annotation.getKey(), annotation.getValue().asText()));
                }
            }
        }
        return found;
    }

    private static RecordedRelease record(RouteKind kind, GenericKubernetesResource item, String key, String json) {
        ReleaseStateCodec.Decoded decoded = ReleaseStateCodec.decode(json, key);
        return new RecordedRelease(kind, item.getMetadata().getNamespace(), item.getMetadata().getName(), routeOf(key, json),
                decoded.state(), decoded.problem());
    }

    /** The record's own "route" field (the key may be a hash of it), else the key's suffix; null for the unnamed route. */
    private static String routeOf(String key, String json) {
        try {
            JsonNode route = MAPPER.readTree(json).get("route");
            if (route != null && route.isTextual()) {
                return route.asText();
            }
        } catch (JsonProcessingException e) {
            // a broken record: fall back to the key
        }
        return key.equals(StateAnnotations.LEGACY) ? null : key.substring(StateAnnotations.LEGACY.length() + 1);
    }
}
