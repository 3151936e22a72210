package io.jenkins.plugins.grayrelease.core.bench;

import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import io.jenkins.plugins.grayrelease.core.it.SampleRelease;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One weight shift, four ways, on the same server in the same run: {@code setWeight} cold (reads
 * the VirtualService and DestinationRule, plans, one guarded patch), {@code setWeight} in a
 * session (plans from the object it last wrote: one guarded patch), a raw fabric8 JSON PATCH of
 * the same two weights from the same JVM (the physical limit: one round trip, no planning), and a
 * {@code kubectl patch} process writing the same two weights.
 */
final class SetWeightLatency {

    private static final int ENGINE_WARMUP = 50;
    private static final int ENGINE_RUNS = 300;
    private static final int KUBECTL_WARMUP = 3;
    private static final int KUBECTL_RUNS = 40;

    private SetWeightLatency() {
    }

    static void run(RealApiServer server, BenchReport report) throws IOException, InterruptedException {
        // Each way on its own copy of the sample release (same objects, own namespace): a session's copy
        // stays current only while nobody else writes its VirtualService.
        SampleRelease release = SampleRelease.install(server, "bench-latency");
        SampleRelease sessionRelease = SampleRelease.install(server, "bench-session");
        SampleRelease rawRelease = SampleRelease.install(server, "bench-raw");
        GrayRelease cold = release.engine();
        GrayRelease session = sessionRelease.engine().session();
        IstioResources raw = new IstioResources(server.client());
        rawRelease.engine().setWeight(rawRelease.target(), 1, WriteOptions.defaults()); // two destinations, as for the others
        for (int i = 0; i < ENGINE_WARMUP; i++) {
            cold.setWeight(release.target(), 1 + i % 99, WriteOptions.defaults());
            session.setWeight(sessionRelease.target(), 1 + (i + 7) % 99, WriteOptions.defaults());
            rawPatch(raw, rawRelease.namespace(), 1 + i % 99);
        }
        // Interleaved, so that load from other processes falls on all three alike.
        long[] coldRuns = new long[ENGINE_RUNS];
        long[] sessionRuns = new long[ENGINE_RUNS];
        long[] rawRuns = new long[ENGINE_RUNS];
        for (int i = 0; i < ENGINE_RUNS; i++) {
            int weight = 1 + (i * 37) % 99; // every call changes the weight
            long start = System.nanoTime();
            cold.setWeight(release.target(), weight, WriteOptions.defaults());
            coldRuns[i] = System.nanoTime() - start;
            start = System.nanoTime();
            session.setWeight(sessionRelease.target(), weight, WriteOptions.defaults());
            sessionRuns[i] = System.nanoTime() - start;
            start = System.nanoTime();
            rawPatch(raw, rawRelease.namespace(), weight);
            rawRuns[i] = System.nanoTime() - start;
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
        Percentiles c = Percentiles.ofNanos(coldRuns);
        Percentiles s = Percentiles.ofNanos(sessionRuns);
        Percentiles r = Percentiles.ofNanos(rawRuns);
        Percentiles k = Percentiles.ofNanos(kubectl);
        report.add("setWeight in-process, cold, p50 / p99", ms(c.p50()) + " / " + ms(c.p99()),
                c.samples() + " calls after " + ENGINE_WARMUP + " warm-up; read VS + DR, plan, guarded JSON patch");
        report.add("setWeight in-process, in a session, p50 / p99", ms(s.p50()) + " / " + ms(s.p99()),
                s.samples() + " calls, interleaved with the others (own copy of the release); plan from the last stored VS, one guarded JSON patch");
        report.add("raw fabric8 JSON PATCH (same two weights) p50 / p99", ms(r.p50()) + " / " + ms(r.p99()),
                r.samples() + " calls, same JVM and client; the physical limit: one round trip, no read, no plan");
        report.add("kubectl patch (same weights) p50 / p99", ms(k.p50()) + " / " + ms(k.p99()),
                k.samples() + " processes, discovery cache warm; JSON patch of the two weights only");
        report.add("ratio session shift / raw patch (p50, p99)", ratio(s.p50() / r.p50(), s.p99() / r.p99()), "goal <= 1.3 at p50");
        report.add("ratio cold shift / raw patch (p50, p99)", ratio(c.p50() / r.p50(), c.p99() / r.p99()), "");
        report.add("ratio kubectl / session shift (p50, p99)", ratio(k.p50() / s.p50(), k.p99() / s.p99()), "keep >= 5x");
        report.add("ratio kubectl / cold shift (p50, p99)", ratio(k.p50() / c.p50(), k.p99() / c.p99()), "");
    }

    private static void rawPatch(IstioResources raw, String namespace, int canary) {
        raw.patch(IstioResources.VIRTUAL_SERVICE, namespace, Variant.ADMIN_ROUTE.service(), patch(canary));
    }

    private static String patch(int canary) {
        return """
                [{"op":"replace","path":"/spec/http/1/route/0/weight","value":%d},
                 {"op":"replace","path":"/spec/http/1/route/1/weight","value":%d}]""".formatted(100 - canary, canary);
    }

    private static void kubectlPatch(RealApiServer server, String namespace, Path cacheDir, int canary)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(server.binaries().kubectl().toString(),
                "--kubeconfig", server.kubeconfig().toString(), "--cache-dir", cacheDir.toString(),
                "-n", namespace, "patch", "virtualservices.networking.istio.io", Variant.ADMIN_ROUTE.service(), "--type=json", "-p", patch(canary)))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("kubectl patch failed: " + out);
        }
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, "%.1f ms", millis);
    }

    private static String ratio(double p50, double p99) {
        return String.format(Locale.ROOT, "%.2fx, %.2fx", p50, p99);
    }
}
