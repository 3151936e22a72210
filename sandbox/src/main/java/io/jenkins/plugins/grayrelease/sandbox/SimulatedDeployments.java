package io.jenkins.plugins.grayrelease.sandbox;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Objects;

/**
 * The Deployment controller the sandbox does not run, reduced to its happy ending: every
 * Deployment of a namespace whose status is behind its spec is reported rolled out (its latest
 * generation observed, every desired replica updated, ready and available), as if its pods came
 * up at once. So {@code grayctl deploy}, which waits for the canary's pods, finishes on the demo's
 * sandbox; tests that need pods that do not get ready write pod statuses themselves or leave this off.
 */
public final class SimulatedDeployments implements AutoCloseable {

    private final SharedIndexInformer<Deployment> informer;

    private SimulatedDeployments(KubernetesClient client, String namespace) {
        informer = client.apps().deployments().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment d) {
                rollOut(client, d);
            }

            @Override
            public void onUpdate(Deployment old, Deployment d) {
                rollOut(client, d);
            }

            @Override
            public void onDelete(Deployment d, boolean unknown) {
            }
        });
    }

    /** Starts reporting the Deployments of {@code namespace} rolled out; close to stop. */
    public static SimulatedDeployments start(KubernetesClient client, String namespace) {
        return new SimulatedDeployments(client, namespace);
    }

    /** The status the Deployment controller writes once every pod of {@code d} is up. */
    public static DeploymentStatus rolledOut(Deployment d) {
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        long generation = d.getMetadata().getGeneration() == null ? 1 : d.getMetadata().getGeneration();
        return new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(replicas).withUpdatedReplicas(replicas)
                .withReadyReplicas(replicas).withAvailableReplicas(replicas).build();
    }

    private static void rollOut(KubernetesClient client, Deployment d) {
        DeploymentStatus done = rolledOut(d);
        if (!Objects.equals(d.getStatus(), done)) {
            try {
                client.apps().deployments().inNamespace(d.getMetadata().getNamespace())
                        .resource(new DeploymentBuilder(d).withStatus(done).build()).updateStatus();
            } catch (KubernetesClientException conflict) {
                // A newer version is on its way; its own event reports it.
            }
        }
    }

    @Override
    public void close() {
        informer.close();
    }
}
