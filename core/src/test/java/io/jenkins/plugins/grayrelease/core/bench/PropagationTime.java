package io.jenkins.plugins.grayrelease.core.bench;

import static io.jenkins.plugins.grayrelease.core.bench.SetWeightLatency.ms;

import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import io.jenkins.plugins.grayrelease.core.it.xds.MeshApp;
import io.jenkins.plugins.grayrelease.core.it.xds.XdsMesh;
import java.time.Duration;

/**
 * How long until the new split is real: from the response to {@code setWeight}'s PATCH to the end
 * of the first window of calls in which istiod's proxyless gRPC client routes by the new weights.
 * Weights alternate 20 % ↔ 80 %, far enough apart that one window tells them apart.
 */
final class PropagationTime {

    private static final int WARMUP = 3;
    private static final int RUNS = 40;
    private static final int WINDOW_CALLS = MeshApp.WINDOW;

    private PropagationTime() {
    }

    static void run(RealApiServer server, BenchReport report) throws Exception {
        try (XdsMesh mesh = XdsMesh.start(server); MeshApp app = mesh.install("bench-xds")) {
            int previous = 0;
            long[] nanos = new long[RUNS];
            for (int i = 0; i < WARMUP + RUNS; i++) {
                int weight = i % 2 == 0 ? 20 : 80;
                app.engine().setWeight(app.target(), weight, WriteOptions.defaults());
                Duration took = app.awaitCanaryShare(MeshApp.NO_HEADERS, previous, weight);
                if (i >= WARMUP) {
                    nanos[i - WARMUP] = took.toNanos();
                }
                previous = weight;
            }
            long start = System.nanoTime();
            app.client().call(WINDOW_CALLS * 20, MeshApp.NO_HEADERS);
            double windowMillis = (System.nanoTime() - start) / 1e6 / 20;
            Percentiles p = Percentiles.ofNanos(nanos);
            report.add("setWeight → proxyless gRPC client routes by it, p50 / max", ms(p.p50()) + " / " + ms(p.max()),
                    p.samples() + " writes 20 % ↔ 80 % after " + WARMUP + " warm-up; istiod built from source (default 100 ms"
                            + " push debounce); windows of " + WINDOW_CALLS + " calls");
            report.add("one window of " + WINDOW_CALLS + " calls (the resolution of the above)", ms(windowMillis),
                    "sequential unary gRPC calls over loopback, mean of 20 windows");
        }
    }
}
