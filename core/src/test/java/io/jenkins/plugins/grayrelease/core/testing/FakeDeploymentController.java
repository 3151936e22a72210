package io.jenkins.plugins.grayrelease.core.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.sandbox.SimulatedDeployments;

/**
 * Plays the Deployment controller and the kubelet on the sandbox, which has neither: every
 * Deployment of a namespace whose status is behind its spec is reported rolled out (the
 * sandbox's {@link SimulatedDeployments}). Close it to stop.
 */
public final class FakeDeploymentController implements AutoCloseable {

    private final SimulatedDeployments simulation;

    private FakeDeploymentController(SimulatedDeployments simulation) {
        this.simulation = simulation;
    }

    /** Starts reporting the Deployments of {@code namespace} rolled out. */
    public static FakeDeploymentController start(KubernetesClient client, String namespace) {
        return new FakeDeploymentController(SimulatedDeployments.start(client, namespace));
    }

    @Override
    public void close() {
        simulation.close();
    }
}
