package io.jenkins.plugins.grayrelease.core.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.grayrelease.core.cluster.GuardedPatch;
import io.jenkins.plugins.grayrelease.core.errors.GuardRefusedException;

/**
 * Changes to a Deployment as the engine read it, and only if it is still that Deployment as read:
 * a JSON Patch of the difference, led by a {@code test} of its {@code uid} (a Deployment deleted and
 * created again under the same name is another one) and the read {@code resourceVersion} (the API
 * server answers 409 when anyone wrote in between). Either refusal is a conflict: the caller's
 * retry loop reads again and decides again.
 */
public final class DeploymentWrites {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HTTP_UNPROCESSABLE = 422;

    private final KubernetesClient client;

    public DeploymentWrites(KubernetesClient client) {
        this.client = client;
    }

    /** Sets {@code spec.replicas} of the Deployment as read. */
    public Deployment scale(Deployment read, int replicas) {
        Deployment wanted = JSON.convertValue(read, Deployment.class);
        wanted.getSpec().setReplicas(replicas);
        return write(read, wanted);
    }

    /** Writes the difference from {@code read} to {@code wanted}; nothing when they are equal. */
    public Deployment write(Deployment read, Deployment wanted) {
        ObjectNode before = JSON.valueToTree(read);
        ArrayNode diff = GuardedPatch.diff(before, JSON.valueToTree(wanted));
        if (diff.isEmpty()) {
            return read;
        }
        ArrayNode patch = JSON.createArrayNode();
        patch.addObject().put("op", "test").put("path", "/metadata/uid").put("value", read.getMetadata().getUid());
        patch.addAll(GuardedPatch.guarded(before, diff));
        var resource = client.apps().deployments().inNamespace(read.getMetadata().getNamespace()).withName(read.getMetadata().getName());
        try {
            return resource.patch(PatchContext.of(PatchType.JSON), patch.toString());
        } catch (KubernetesClientException e) {
            if (e.getCode() != HTTP_UNPROCESSABLE) {
                throw e;
            }
            // 422 is also the answer to an invalid change: only a Deployment that is not the one read is a conflict.
            Deployment now = resource.get();
            if (now == null || !read.getMetadata().getUid().equals(now.getMetadata().getUid())) {
                throw new GuardRefusedException(e);
            }
            throw e;
        }
    }
}
