package io.jenkins.plugins.grayrelease.cli;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKubeconfig;
import io.jenkins.plugins.grayrelease.sandbox.SandboxServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's sandbox as a test cluster: one server per test class, and per test the sample
 * application in a namespace of its own, reached by grayctl through a kubeconfig file as a user would.
 */
final class SandboxNamespaces implements AutoCloseable {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final SandboxServer sandbox = SandboxServer.start();
    private final KubernetesClient client = sandbox.newClient();

    /** Whether written Deployments are reported rolled out at once (true from the start; see ApiServerDispatcher). */
    void simulateRollouts(boolean simulate) {
        sandbox.apiServer().simulateRollouts(simulate);
    }

    KubernetesClient client() {
        return client;
    }

    /** Installs the sample application (Service reviews, v1 and v2, DestinationRule, VirtualService) in a new namespace. */
    String newSampleNamespace() {
        String namespace = "test-" + NAMESPACES.incrementAndGet();
        SampleApplication.install(client, namespace);
        return namespace;
    }

    /** A kubeconfig file whose context points at the sandbox and {@code namespace}. */
    Path kubeconfig(Path dir, String namespace) {
        try {
            return Files.writeString(dir.resolve("kubeconfig-" + namespace), SandboxKubeconfig.content(sandbox.url(), namespace));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** grayctl arguments with the kubeconfig of {@code namespace} in front. */
    String[] args(Path kubeconfig, String... args) {
        List<String> all = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    VirtualService virtualService(String namespace) {
        return client.adapt(IstioClient.class).v1().virtualServices().inNamespace(namespace).withName("reviews").get();
    }

    DestinationRule destinationRule(String namespace) {
        return client.adapt(IstioClient.class).v1().destinationRules().inNamespace(namespace).withName("reviews").get();
    }

    String url() {
        return sandbox.url();
    }

    @Override
    public void close() {
        client.close();
        sandbox.close();
    }
}
