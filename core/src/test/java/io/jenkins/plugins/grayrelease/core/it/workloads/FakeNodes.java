package io.jenkins.plugins.grayrelease.core.it.workloads;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link WorkloadCluster}'s nodes: plain Node objects that KWOK manages because they carry
 * {@value #ANNOTATION}={@value #ANNOTATION_VALUE}. Each offers 16 CPUs, 64 GiB and 110 pods, in
 * its own zone, so tests never run out of room and spreading is visible.
 */
final class FakeNodes {

    static final String ANNOTATION = "kwok.x-k8s.io/node";
    static final String ANNOTATION_VALUE = "fake";
    /** The taint the API server puts on a new node; the node-lifecycle controller removes it once the node is Ready. */
    static final String NOT_READY_TAINT = "node.kubernetes.io/not-ready";

    private FakeNodes() {
    }

    static List<String> create(KubernetesClient client, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "kwok-node-" + i;
            Map<String, Quantity> resources = Map.of("cpu", new Quantity("16"), "memory", new Quantity("64Gi"),
                    "pods", new Quantity("110"));
            client.nodes().resource(new NodeBuilder()
                    .withNewMetadata().withName(name)
                    .addToAnnotations(ANNOTATION, ANNOTATION_VALUE)
                    .addToLabels("kubernetes.io/hostname", name)
                    .addToLabels("kubernetes.io/os", "linux")
                    .addToLabels("kubernetes.io/arch", "amd64")
                    .addToLabels("topology.kubernetes.io/zone", "zone-" + (char) ('a' + i))
                    .addToLabels("type", "kwok")
                    .endMetadata()
                    .withNewStatus().withAllocatable(resources).withCapacity(resources).endStatus()
                    .build()).create();
            names.add(name);
        }
        return names;
    }

    /** Ready (KWOK plays the kubelet) and no longer tainted not-ready (the controller manager runs): pods can land. */
    static boolean allSchedulable(KubernetesClient client, List<String> names) {
        return names.stream().map(n -> client.nodes().withName(n).get()).allMatch(FakeNodes::schedulable);
    }

    private static boolean schedulable(Node node) {
        if (node == null || node.getStatus() == null || node.getStatus().getConditions() == null) {
            return false;
        }
        boolean ready = node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        boolean tainted = node.getSpec().getTaints() != null
                && node.getSpec().getTaints().stream().anyMatch(t -> NOT_READY_TAINT.equals(t.getKey()));
        return ready && !tainted;
    }
}
