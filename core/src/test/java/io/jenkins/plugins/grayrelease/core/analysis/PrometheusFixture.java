package io.jenkins.plugins.grayrelease.core.analysis;

import io.jenkins.plugins.grayrelease.core.testing.Processes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (the {@code prometheus} and {@code promtool} binaries on PATH, as
 * Debian's package installs them; {@code .ci/install-prometheus.sh} provides them) holding data
 * the test wrote: the OpenMetrics text is backfilled into blocks with {@code promtool tsdb
 * create-blocks-from openmetrics}, then Prometheus serves them on a free loopback port.
 *
 * <p>Starting fails loudly with {@link IllegalStateException}: a test that needs Prometheus must
 * never silently pass without one.
 */
public final class PrometheusFixture implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI url;
    private final Path log;

    private PrometheusFixture(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** Backfills {@code openMetrics} into a fresh data folder under {@code workDir} and starts Prometheus on it. */
    public static PrometheusFixture start(Path workDir, String openMetrics) {
        try {
            Path input = workDir.resolve("data.om");
            Path data = Files.createDirectories(workDir.resolve("tsdb"));
            Files.writeString(input, openMetrics, StandardCharsets.UTF_8);
            run(workDir, List.of("promtool", "tsdb", "create-blocks-from", "openmetrics",
                    input.toString(), data.toString()));
            // No scrape targets: every sample comes from the backfill, so results are deterministic.
            Path config = Files.writeString(workDir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1h\n");
            int port = freePort();
            Path log = workDir.resolve("prometheus.log");
            Process process = new ProcessBuilder("prometheus", "--config.file=" + config,
                    "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=3650d",
                    "--web.listen-address=127.0.0.1:" + port)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            PrometheusFixture fixture = new PrometheusFixture(process, URI.create("http://127.0.0.1:" + port), log);
            fixture.awaitReady();
            return fixture;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Prometheus (" + e.getMessage() + "); install the"
                    + " prometheus package (bash .ci/install-prometheus.sh) so prometheus and promtool are on PATH", e);
        }
    }

    public URI url() {
        return url;
    }

    public PrometheusEndpoint endpoint() {
        return new PrometheusEndpoint(url, Duration.ofSeconds(10), java.util.Optional.empty());
    }

    @Override
    public void close() {
        Processes.stop(process);
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited with code " + process.exitValue()
                        + " before it was ready; its log:\n" + readLog());
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(url.resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("Prometheus at " + url + " was not ready within " + READY_TIMEOUT
                + "; its log:\n" + readLog());
    }

    private String readLog() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void run(Path dir, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
