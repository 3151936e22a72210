package io.jenkins.plugins.grayrelease.core.bench;

import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The engine measured on a real kube-apiserver (and, for propagation, istiod with a proxyless gRPC
 * client): prints numbers, asserts nothing. Run from the repository root (after
 * {@code bash .ci/kube-binaries.sh}):
 *
 * <pre>mvn -B -ntp -pl core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.jenkins.plugins.grayrelease.core.bench.GrayReleaseBenchmarks</pre>
 */
public final class GrayReleaseBenchmarks {

    private GrayReleaseBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        BenchReport report = new BenchReport();
        report.add("load at start", loadAverage(), "uptime's 1/5/15-minute load averages; the machine is shared");
        long started = System.nanoTime();
        try (RealApiServer server = RealApiServer.start()) {
            report.add("server", "kube-apiserver " + server.client().getKubernetesVersion().getGitVersion()
                    + ", etcd " + etcdVersion(server),
                    "same machine as the benchmark, " + Runtime.getRuntime().availableProcessors() + " CPUs");
            // -Dbench.only=latency,requests,gate,patch,big,releases,propagation runs some parts only (all by default).
            java.util.Set<String> only = java.util.Set.of(System.getProperty("bench.only", "latency,requests,gate,patch,big,releases,propagation").split(","));
            if (only.contains("latency")) {
                SetWeightLatency.run(server, report);
            }
            if (only.contains("requests")) {
                RequestsPerShift.run(server, report);
            }
            if (only.contains("gate")) {
                ReadinessGateCost.run(server, report);
            }
            if (only.contains("patch")) {
                PatchSize.run(server, report);
            }
            if (only.contains("big")) {
                BigObjectShift.run(server, report);
            }
            if (only.contains("releases")) {
                ConcurrentReleases.run(server, report);
            }
            if (only.contains("propagation")) {
                PropagationTime.run(server, report);
            }
        }
        report.add("load at end", loadAverage(), "");
        System.out.printf("%nbench: finished in %.0f s%n%n%s", (System.nanoTime() - started) / 1e9, report.markdown());
    }

    /** The 1/5/15-minute load averages; shared with the fleet benchmark. */
    static String loadAverage() throws IOException {
        String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
        return parts[0] + ", " + parts[1] + ", " + parts[2];
    }

    private static String etcdVersion(RealApiServer server) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(server.binaries().kubernetesBinaries().resolve("etcd").toString(), "--version")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().filter(l -> l.startsWith("etcd Version:")).map(l -> l.substring("etcd Version:".length()).strip())
                .findFirst().orElse("(unknown)");
    }
}
