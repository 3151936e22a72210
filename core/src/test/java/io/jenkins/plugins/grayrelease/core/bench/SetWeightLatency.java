package io.jenkins.plugins.grayrelease.core.bench;

import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import io.jenkins.plugins.grayrelease.core.it.SampleRelease;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * In-process {@code setWeight} (read VirtualService and DestinationRule, plan, guarded patch) next
 * to a {@code kubectl patch} process writing the same two weights, on the same server.
 */
final class SetWeightLatency {

    private static final int ENGINE_WARMUP = 50;
    private static final int ENGINE_RUNS = 300;
    private static final int KUBECTL_WARMUP = 3;
    private static final int KUBECTL_RUNS = 40;

    private SetWeightLatency() {
    }

    static void run(RealApiServer server, BenchReport report) throws IOException, InterruptedException {
        SampleRelease release = SampleRelease.install(server, "bench-latency");
        for (int i = 0; i < ENGINE_WARMUP; i++) {
            release.engine().setWeight(release.target(), 1 + i % 99, WriteOptions.defaults());
        }
        long[] engine = new long[ENGINE_RUNS];
        for (int i = 0; i < ENGINE_RUNS; i++) {
            int weight = 1 + (i * 37) % 99; // every call changes the weight
            long start = System.nanoTime();
            release.engine().setWeight(release.target(), weight, WriteOptions.defaults());
            engine[i] = System.nanoTime() - start;
        }
        Path cacheDir = Files.createTempDirectory("kubectl-cache");
        for (int i = 0; i < KUBECTL_WARMUP; i++) {
            kubectlPatch(server, release.namespace(), cacheDir, 50 + i);
        }
        long[] kubectl = new long[KUBECTL_RUNS];
        for (int i = 0; i < KUBECTL_RUNS; i++) {
            long start = System.nanoTime();
            kubectlPatch(server, release.namespace(), cacheDir, 1 + (i * 37) % 99);
            kubectl[i] = System.nanoTime() - start;
        }
        Percentiles e = Percentiles.ofNanos(engine);
        Percentiles k = Percentiles.ofNanos(kubectl);
        report.add("setWeight in-process p50 / p99", ms(e.p50()) + " / " + ms(e.p99()),
                e.samples() + " calls after " + ENGINE_WARMUP + " warm-up; read VS + DR, plan, guarded JSON patch");
        report.add("kubectl patch (same weights) p50 / p99", ms(k.p50()) + " / " + ms(k.p99()),
                k.samples() + " processes, discovery cache warm; JSON patch of the two weights only");
        report.add("ratio kubectl / in-process (p50, p99)", String.format(Locale.ROOT, "%.1fx, %.1fx", k.p50() / e.p50(), k.p99() / e.p99()), "");
    }

    private static void kubectlPatch(RealApiServer server, String namespace, Path cacheDir, int canary)
            throws IOException, InterruptedException {
        String patch = """
                [{"op":"replace","path":"/spec/http/1/route/0/weight","value":%d},
                 {"op":"replace","path":"/spec/http/1/route/1/weight","value":%d}]""".formatted(100 - canary, canary);
        Process p = new ProcessBuilder(List.of(server.binaries().kubectl().toString(),
                "--kubeconfig", server.kubeconfig().toString(), "--cache-dir", cacheDir.toString(),
                "-n", namespace, "patch", "virtualservices.networking.istio.io", "reviews", "--type=json", "-p", patch))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("kubectl patch failed: " + out);
        }
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, "%.1f ms", millis);
    }
}
