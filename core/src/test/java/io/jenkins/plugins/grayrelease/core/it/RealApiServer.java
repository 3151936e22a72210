package io.jenkins.plugins.grayrelease.core.it;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;

/**
 * A real kube-apiserver and etcd (through fabric8 kube-api-test, offline, from the test cache)
 * with Istio's and the Gateway API's CRDs installed and established. One per test JVM: starting one takes seconds,
 * so tests share it and isolate themselves with {@link #createNamespace}.
 */
public final class RealApiServer implements AutoCloseable {

    /** Generous: the CI machine is shared and a cold API server may need a while. */
    private static final int STARTUP_TIMEOUT_MILLIS = 180_000;

    private final TestBinaries binaries;
    private final Path workDir;
    private final KubeAPIServer server;
    private final Path kubeconfig;
    private final KubernetesClient client;

    private RealApiServer(TestBinaries binaries, Path workDir, KubeAPIServer server, Path kubeconfig) {
        this.binaries = binaries;
        this.workDir = workDir;
        this.server = server;
        this.kubeconfig = kubeconfig;
        this.client = newClient(builder -> { });
    }

    /** Starts the server or fails (never skips) saying what is missing and how to build it. */
    public static RealApiServer start() {
        TestBinaries binaries = TestBinaries.fromEnvironment().requirePresent();
        try {
            // A private test directory per run: kube-api-test writes certificates and the API
            // server its serving key there, so concurrent runs must not share one. Only the
            // binaries are shared, through a link to the cache.
            Path workDir = Files.createTempDirectory("gray-release-apiserver");
            Files.createSymbolicLink(workDir.resolve("k8s"), binaries.kubeApiTestDir().resolve("k8s"));
            KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                    .withTestDir(workDir.toString())
                    .withApiServerVersion(TestBinaries.KUBERNETES_VERSION)
                    .withOfflineMode(true)
                    .withUpdateKubeConfig(false)
                    .withWaitForEtcdHealthCheckOnStartup(true)
                    .withStartupTimeout(STARTUP_TIMEOUT_MILLIS)
                    .build());
            try {
                server.start();
                Path kubeconfig = workDir.resolve("kubeconfig.yaml");
                Files.writeString(kubeconfig, server.getKubeConfigYaml());
                RealApiServer started = new RealApiServer(binaries, workDir, server, kubeconfig);
                CrdFiles.install(started.client, binaries.istioCrds());
                CrdFiles.install(started.client, binaries.gatewayApiCrds());
                return started;
            } catch (RuntimeException | IOException e) {
                // Half-started etcd or API server processes must not outlive the failed run.
                server.stop();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the API server's test directory", e);
        }
    }

    /** A client with the test JVM's defaults; shared, do not close it. */
    public KubernetesClient client() {
        return client;
    }

    /** A separate client, e.g. with an interceptor that counts requests; the caller closes it. */
    public KubernetesClient newClient(Consumer<KubernetesClientBuilder> customizer) {
        try {
            KubernetesClientBuilder builder = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)));
            customizer.accept(builder);
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The etcd and kube-apiserver processes, to stop and start them again (only on a server started for one test). */
    public ServerProcesses processes() {
        return new ServerProcesses(server, workDir);
    }

    /** A kubeconfig file for processes such as kubectl. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    public TestBinaries binaries() {
        return binaries;
    }

    /** A new namespace with a generated name starting with {@code prefix}; returns its name. */
    public String createNamespace(String prefix) {
        return client.namespaces().resource(new NamespaceBuilder()
                .withNewMetadata().withGenerateName(prefix + "-").endMetadata().build())
                .create().getMetadata().getName();
    }

    @Override
    public void close() throws IOException {
        try {
            client.close();
        } finally {
            server.stop();
            deleteRecursively(workDir);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
