package io.jenkins.plugins.grayrelease.core.it.xds;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * istiod ({@code pilot-discovery discovery}, built from source by tools/istiod) watching the real
 * API server of the {@code apiserver} tests. Every port it opens is on 127.0.0.1 and chosen free
 * (concurrent runs on one machine do not collide); xDS is plaintext gRPC on {@link #xdsAddress()};
 * the CA, the secure xDS port, the webhooks' configuration patching, analysis, status writing and
 * profiling are off. Starting fails with istiod's own last log lines, never skips.
 */
public final class Istiod implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final String LOOPBACK = "127.0.0.1";

    private final Process process;
    private final Path workDir;
    private final String xdsAddress;

    private Istiod(Process process, Path workDir, String xdsAddress) {
        this.process = process;
        this.workDir = workDir;
        this.xdsAddress = xdsAddress;
    }

    public static Istiod start(RealApiServer server) {
        Path binary = server.binaries().requireIstiod().istiod();
        if (server.client().namespaces().withName("istio-system").get() == null) {
            server.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("istio-system")
                    .endMetadata().build()).create();
        }
        try {
            Path workDir = Files.createTempDirectory("gray-release-istiod");
            Path mesh = Files.writeString(workDir.resolve("mesh.yaml"), "defaultConfig: {}\n");
            Path log = workDir.resolve("istiod.log");
            String grpc = LOOPBACK + ":" + freePort();
            String http = LOOPBACK + ":" + freePort();
            List<String> command = List.of(binary.toString(), "discovery",
                    "--kubeconfig", server.kubeconfig().toString(),
                    "--meshConfig", mesh.toString(),
                    "--grpcAddr", grpc,
                    "--httpAddr", http,
                    "--httpsAddr", LOOPBACK + ":" + freePort(),
                    "--monitoringAddr", LOOPBACK + ":" + freePort(),
                    "--secureGRPCAddr", "",
                    "--ctrlz_address", LOOPBACK,
                    "--ctrlz_port", String.valueOf(freePort()),
                    "--profile=false",
                    "--shutdownDuration", "1s");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).directory(workDir.toFile());
            Map<String, String> env = builder.environment();
            env.put("POD_NAMESPACE", "istio-system");
            env.put("ENABLE_CA_SERVER", "false");
            env.put("PILOT_ENABLE_ANALYSIS", "false");
            env.put("PILOT_ENABLE_STATUS", "false");
            // No webhook configurations exist here; empty names keep istiod from looking for them.
            env.put("INJECTION_WEBHOOK_CONFIG_NAME", "");
            env.put("VALIDATION_WEBHOOK_CONFIG_NAME", "");
            long started = System.nanoTime();
            Process process = builder.start();
            Istiod istiod = new Istiod(process, workDir, grpc);
            try {
                istiod.awaitReady(URI.create("http://" + http + "/ready"), log);
            } catch (RuntimeException e) {
                istiod.close();
                throw e;
            }
            System.out.printf("xds: istiod ready in %d ms, plaintext xDS on %s%n", (System.nanoTime() - started) / 1_000_000, grpc);
            return istiod;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start istiod (" + binary + ")", e);
        }
    }

    /** host:port of istiod's plaintext xDS server. */
    public String xdsAddress() {
        return xdsAddress;
    }

    private void awaitReady(URI ready, Path log) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("istiod exited with status " + process.exitValue()
                        + " before it was ready; its last log lines:\n" + tail(log));
            }
            if (answers200(ready)) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("istiod did not answer 200 on " + ready + " within " + READY_TIMEOUT.toSeconds()
                + " s; its last log lines:\n" + tail(log));
    }

    private static boolean answers200(URI uri) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(500);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(workDir)) {
            List<Path> all = new ArrayList<>(files.toList());
            Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
