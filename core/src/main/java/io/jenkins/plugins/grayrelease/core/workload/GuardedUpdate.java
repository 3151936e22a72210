package io.jenkins.plugins.grayrelease.core.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.grayrelease.core.cluster.GuardedPatch;

/**
 * Changes a Deployment only if it is still the object the engine read: a JSON Patch of the difference,
 * preceded by a {@code test} of its {@code uid} and the {@code resourceVersion} it was read at (the API
 * server refuses a stale one with 409 Conflict). So a Deployment replaced or edited in between is never
 * overwritten; the engine's retry loop reads it again and re-applies the change.
 */
final class GuardedUpdate {

    private GuardedUpdate() {
    }

    /** Patches {@code seen} into {@code wanted}; nothing is sent when they do not differ. */
    static void patch(KubernetesClient client, Deployment seen, Deployment wanted) {
        JsonNode before = client.getKubernetesSerialization().convertValue(seen, JsonNode.class);
        JsonNode after = client.getKubernetesSerialization().convertValue(wanted, JsonNode.class);
        ArrayNode diff = GuardedPatch.diff(before, after);
        if (diff.isEmpty()) {
            return;
        }
        ArrayNode ops = JsonNodeFactory.instance.arrayNode();
        ops.addObject().put("op", "test").put("path", "/metadata/uid").put("value", seen.getMetadata().getUid());
        ops.addObject().put("op", "replace").put("path", "/metadata/resourceVersion").put("value", seen.getMetadata().getResourceVersion());
        ops.addAll(diff);
        client.apps().deployments().inNamespace(seen.getMetadata().getNamespace()).withName(seen.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON), ops.toString());
    }
}
