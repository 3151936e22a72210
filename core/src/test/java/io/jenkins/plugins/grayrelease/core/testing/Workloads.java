package io.jenkins.plugins.grayrelease.core.testing;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.jenkins.plugins.grayrelease.sandbox.SandboxObjects;
import java.util.List;
import java.util.Map;

/**
 * Deployments and Pods with the status a controller, the scheduler and the kubelet would give them,
 * set by hand: for tests on the sandbox (which runs no controller) and for pure tests of the viewer.
 */
public final class Workloads {

    /** What a pod's kubelet (or the scheduler) reports. */
    public enum PodState { READY, CRASH_LOOP, IMAGE_PULL_BACK_OFF, UNSCHEDULABLE, READINESS_PROBE_FAILING }

    private Workloads() {
    }

    /** A Deployment (generation 1, no status) whose pods carry {@code podLabels}. */
    public static Deployment deployment(String namespace, String name, Map<String, String> podLabels, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withNamespace(namespace).withName(name).withGeneration(1L).withLabels(podLabels).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(podLabels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(podLabels).endMetadata()
                .withNewSpec().addNewContainer().withName(name.replaceAll("-v\\d+$", "")).withImage("example.org/" + name + ":1").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    /**
     * The status a Deployment controller writes.
     *
     * @param observed the observed generation
     */
    public static DeploymentStatus status(long observed, int total, int updated, int available) {
        return new DeploymentStatusBuilder().withObservedGeneration(observed).withReplicas(total).withUpdatedReplicas(updated)
                .withReadyReplicas(available).withAvailableReplicas(available).withUnavailableReplicas(Math.max(0, total - available)).build();
    }

    /** Completely rolled out: every desired replica updated and available, the latest generation observed. */
    public static Deployment rolledOut(Deployment d) {
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        long generation = d.getMetadata().getGeneration() == null ? 1 : d.getMetadata().getGeneration();
        return new DeploymentBuilder(d).withStatus(status(generation, replicas, replicas, replicas)).build();
    }

    /** With the status given. */
    public static Deployment withStatus(Deployment d, DeploymentStatus status) {
        return new DeploymentBuilder(d).withStatus(status).build();
    }

    /** With {@code Progressing=False, reason=ProgressDeadlineExceeded} added to its status. */
    public static Deployment deadlineExceeded(Deployment d) {
        return new DeploymentBuilder(d).editOrNewStatus().addToConditions(new DeploymentConditionBuilder().withType("Progressing")
                .withStatus("False").withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet \"" + d.getMetadata().getName() + "-5d4f\" has timed out progressing.").build()).endStatus().build();
    }

    /** A pod in {@code state}, carrying {@code labels}. */
    public static Pod pod(String namespace, String name, Map<String, String> labels, PodState state) {
        PodBuilder b = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("example.org/app:1").endContainer().endSpec();
        boolean ready = state == PodState.READY;
        var status = b.withNewStatus().withPhase(state == PodState.UNSCHEDULABLE ? "Pending" : "Running")
                .addToConditions(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
                        .withReason(ready ? null : "ContainersNotReady").withMessage(ready ? null : "containers with unready status: [app]").build());
        switch (state) {
            case UNSCHEDULABLE -> status.addToConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                    .withReason("Unschedulable").withMessage("0/3 nodes are available: 3 Insufficient cpu.").build());
            case CRASH_LOOP -> status.addToContainerStatuses(new ContainerStatusBuilder().withName("app").withReady(false).withRestartCount(4)
                    .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                    .withMessage("back-off 1m20s restarting failed container=app pod=" + name).endWaiting().endState()
                    .withNewLastState().withNewTerminated().withReason("Error").withExitCode(1).endTerminated().endLastState().build());
            case IMAGE_PULL_BACK_OFF -> status.addToContainerStatuses(new ContainerStatusBuilder().withName("app").withReady(false)
                    .withNewState().withNewWaiting().withReason("ImagePullBackOff")
                    .withMessage("Back-off pulling image \"example.org/app:9\"").endWaiting().endState().build());
            case READINESS_PROBE_FAILING -> status.addToContainerStatuses(new ContainerStatusBuilder().withName("app").withReady(false)
                    .withNewState().withNewRunning().endRunning().endState().build());
            case READY -> status.addToContainerStatuses(new ContainerStatusBuilder().withName("app").withReady(true)
                    .withNewState().withNewRunning().endRunning().endState().build());
            default -> throw new IllegalArgumentException(state.name());
        }
        return status.endStatus().build();
    }

    /**
     * Makes {@code versions} of {@code service} serve in {@code namespace}, as the readiness gate finds them: the
     * Service (selector {@code app: <service>}) unless it exists, and per version a Deployment {@code <service>-<version>}
     * (2 replicas, pods {@code app: <service>, version: <version>}) reported rolled out.
     */
    public static void serve(KubernetesClient client, String namespace, String service, String... versions) {
        if (client.services().inNamespace(namespace).withName(service).get() == null) {
            serveService(client, namespace, service, Map.of("app", service), null);
        }
        for (String version : versions) {
            SandboxObjects.create(client, namespace, List.of(deployment(namespace, service + "-" + version, Map.of("app", service, "version", version), 2)));
        }
    }

    /**
     * A Service with {@code selector} and, unless {@code deployment} is null, a rolled-out Deployment of that name
     * (2 replicas) whose pods it selects: a side of the two-host layout.
     */
    public static void serveService(KubernetesClient client, String namespace, String service, Map<String, String> selector, String deployment) {
        client.services().inNamespace(namespace).resource(new ServiceBuilder().withNewMetadata().withName(service).endMetadata()
                .withNewSpec().withSelector(selector).addNewPort().withName("http").withPort(9080).endPort().endSpec().build()).create();
        if (deployment != null) {
            SandboxObjects.create(client, namespace, List.of(deployment(namespace, deployment, selector, 2)));
        }
    }

    /** Plays the Deployment controller on a server without one: reports {@code name} in {@code namespace} rolled out. */
    public static Deployment rolloutDone(KubernetesClient client, String namespace, String name) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
        return storeStatus(client, rolledOut(d));
    }

    /** Stores a Deployment's status as its controller would (the status subresource), returning what was stored. */
    public static Deployment storeStatus(KubernetesClient client, Deployment withStatus) {
        return client.apps().deployments().inNamespace(withStatus.getMetadata().getNamespace()).resource(withStatus).updateStatus();
    }
}
