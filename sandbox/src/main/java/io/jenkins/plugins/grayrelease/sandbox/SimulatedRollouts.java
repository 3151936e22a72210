package io.jenkins.plugins.grayrelease.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * What the sandbox does in place of a Deployment controller, a scheduler and kubelets: when a
 * Deployment's spec is written, its status says it is completely rolled out at once (every desired
 * replica updated, ready and available, the generation observed), as a healthy cluster reports a
 * while later. So the engine's readiness gate lets {@code grayctl demo} and tests shift traffic.
 *
 * <p>A status written through the {@code /status} subresource is stored as given and kept until the
 * spec changes again: a test sets a canary crash-looping, not yet available or stuck by hand.
 * {@link ApiServerDispatcher#simulateRollouts(boolean) simulateRollouts(false)} turns this off.
 */
final class SimulatedRollouts {

    private static final Pattern DEPLOYMENT = Pattern.compile("^/apis/apps/v1/namespaces/[^/]+/deployments(/[^/?]+)?(\\?.*)?$");

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private SimulatedRollouts() {
    }

    /** Whether a write to this path changes a Deployment (not its status, not a dry run). */
    static boolean isDeploymentWrite(String path) {
        return DEPLOYMENT.matcher(path).matches() && !path.contains("dryRun=All");
    }

    /** The path of the named Deployment in a collection or object path. */
    static String objectPath(String path, String name) {
        String plain = ApiServerDispatcher.withoutQuery(path);
        return plain.endsWith("/deployments") ? plain + "/" + name : plain;
    }

    /** {@link #rolledOut(JsonNode)} for a typed Deployment. */
    static io.fabric8.kubernetes.api.model.apps.DeploymentStatus rolledOutStatus(io.fabric8.kubernetes.api.model.apps.Deployment deployment) {
        JsonNode tree = JSON.valueToTree(deployment);
        try {
            return JSON.treeToValue(rolledOut(tree), io.fabric8.kubernetes.api.model.apps.DeploymentStatus.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The status a Deployment controller writes once every replica of the current template is available. */
    static ObjectNode rolledOut(JsonNode deployment) {
        int replicas = deployment.path("spec").path("replicas").asInt(1);
        long generation = deployment.path("metadata").path("generation").asLong(1);
        ObjectNode status = JsonNodeFactory.instance.objectNode()
                .put("observedGeneration", generation).put("replicas", replicas).put("updatedReplicas", replicas)
                .put("readyReplicas", replicas).put("availableReplicas", replicas);
        status.putArray("conditions").addObject().put("type", "Available").put("status", "True")
                .put("reason", "MinimumReplicasAvailable").put("message", "Deployment has minimum availability.");
        ((com.fasterxml.jackson.databind.node.ArrayNode) status.get("conditions")).addObject().put("type", "Progressing")
                .put("status", "True").put("reason", "NewReplicaSetAvailable")
                .put("message", "ReplicaSet has successfully progressed (simulated by the sandbox).");
        return status;
    }
}
