package io.jenkins.plugins.grayrelease.core.testing;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Objects;

/**
 * Plays the Deployment controller and the kubelet on the sandbox, which has neither: every
 * Deployment of a namespace whose status is behind its spec is reported rolled out (latest
 * generation observed, every desired replica updated, ready and available). Close it to stop.
 */
public final class FakeDeploymentController implements AutoCloseable {

    private final SharedIndexInformer<Deployment> informer;

    private FakeDeploymentController(KubernetesClient client, String namespace) {
        ResourceEventHandler<Deployment> handler = new ResourceEventHandler<>() {
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
        };
        informer = client.apps().deployments().inNamespace(namespace).inform(handler);
    }

    /** Starts reporting the Deployments of {@code namespace} rolled out. */
    public static FakeDeploymentController start(KubernetesClient client, String namespace) {
        return new FakeDeploymentController(client, namespace);
    }

    private static void rollOut(KubernetesClient client, Deployment d) {
        Deployment done = Workloads.rolledOut(d);
        if (!Objects.equals(d.getStatus(), done.getStatus())) {
            try {
                Workloads.storeStatus(client, done);
            } catch (RuntimeException conflict) {
                // A newer version is on its way: its own event reports it.
            }
        }
    }

    @Override
    public void close() {
        informer.close();
    }
}
