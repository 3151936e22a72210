package io.jenkins.plugins.grayrelease.core.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import io.jenkins.plugins.grayrelease.core.it.RequestCounter;
import io.jenkins.plugins.grayrelease.core.it.SampleRelease;
import java.util.Locale;

/**
 * What the readiness gate adds to a weight shift: the same shifts with the gate and without it
 * ({@code readinessGate(false)}), interleaved on one server so the load hits both alike; cold (a new
 * operation each) and in a session. Each shift raises the canary's weight (a lowered weight is never
 * checked), and the workloads are rolled out, so the gate lets every shift through.
 */
final class ReadinessGateCost {

    private static final int SHIFTS = 40;

    private ReadinessGateCost() {
    }

    static void run(RealApiServer server, BenchReport report) {
        SampleRelease release = SampleRelease.install(server, "bench-gate");
        ReleaseTarget gated = release.target();
        ReleaseTarget ungated = gated.toBuilder().readinessGate(false).build();
        RequestCounter counter = new RequestCounter();
        try (KubernetesClient client = server.newClient(b -> b.withHttpClientBuilderConsumer(
                h -> h.addOrReplaceInterceptor("bench-gate-counter", counter)))) {
            GrayRelease engine = new GrayRelease(client, SampleRelease.ACTOR);
            measure("cold", engine, engine, gated, ungated, counter, report);
            measure("in a session", engine.session(), engine.session(), gated, ungated, counter, report);
        }
    }

    private static void measure(String how, GrayRelease withGate, GrayRelease withoutGate, ReleaseTarget gated, ReleaseTarget ungated,
                                RequestCounter counter, BenchReport report) {
        withGate.rollback(gated, WriteOptions.defaults());
        withGate.setWeight(gated, 1, WriteOptions.defaults()); // warm: the session's first read, the client's first calls
        withoutGate.setWeight(ungated, 1, WriteOptions.defaults());
        long[] on = new long[SHIFTS];
        long[] off = new long[SHIFTS];
        long requestsOn = 0;
        long requestsOff = 0;
        for (int i = 0; i < SHIFTS; i++) {
            // Back to 1 % (not checked: less traffic), then up: the measured shift is always a checked one.
            withGate.setWeight(gated, 1, WriteOptions.defaults());
            RequestCounter.Snapshot before = counter.snapshot();
            long t = System.nanoTime();
            withGate.setWeight(gated, 2 + i % 40, WriteOptions.defaults());
            on[i] = System.nanoTime() - t;
            requestsOn += counter.snapshot().minus(before).total();

            withoutGate.setWeight(ungated, 1, WriteOptions.defaults());
            before = counter.snapshot();
            t = System.nanoTime();
            withoutGate.setWeight(ungated, 2 + i % 40, WriteOptions.defaults());
            off[i] = System.nanoTime() - t;
            requestsOff += counter.snapshot().minus(before).total();
        }
        Percentiles a = Percentiles.ofNanos(on);
        Percentiles b = Percentiles.ofNanos(off);
        report.add("shift " + how + " with / without the readiness gate, p50", String.format(Locale.ROOT, "%.1f / %.1f ms = %.2f×",
                a.p50(), b.p50(), a.p50() / b.p50()), SHIFTS + " raising shifts each, interleaved; p99 "
                + String.format(Locale.ROOT, "%.1f / %.1f ms", a.p99(), b.p99()));
        report.add("API requests per shift " + how + " with / without the readiness gate", String.format(Locale.ROOT, "%.1f / %.1f",
                (double) requestsOn / SHIFTS, (double) requestsOff / SHIFTS), "the gate: one list of Deployments (and, cold, the Service)");
    }
}
