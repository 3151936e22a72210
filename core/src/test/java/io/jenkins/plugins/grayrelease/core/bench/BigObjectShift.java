package io.jenkins.plugins.grayrelease.core.bench;

import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.it.ManyRoutes;
import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import io.jenkins.plugins.grayrelease.core.it.SampleRelease;
import java.util.Locale;

/**
 * A weight shift on a VirtualService with 1,000 routes next to one with 10 (the managed route in
 * the middle), in a session and cold, with a raw JSON PATCH of the same size class as the
 * server's own share of the cost. Interleaved, in one run.
 */
final class BigObjectShift {

    private static final int WARMUP = Integer.getInteger("bench.big.warmup", 20);
    private static final int RUNS = Integer.getInteger("bench.big.runs", 100);

    private BigObjectShift() {
    }

    static void run(RealApiServer server, BenchReport report) {
        String namespace = server.createNamespace("bench-big");
        GrayRelease cold = new GrayRelease(server.client(), SampleRelease.ACTOR);
        // Session and cold shifts each on their own objects: a session's copy stays current only while nobody else writes.
        ReleaseTarget small = install(server, namespace, 10, "");
        ReleaseTarget big = install(server, namespace, 1000, "");
        ReleaseTarget coldSmall = install(server, namespace, 10, "cold-");
        ReleaseTarget coldBig = install(server, namespace, 1000, "cold-");
        GrayRelease sessionSmall = cold.session();
        GrayRelease sessionBig = cold.session();
        IstioResources raw = new IstioResources(server.client());
        long[][] t = new long[6][RUNS];
        for (int i = -WARMUP; i < RUNS; i++) {
            int w = 1 + ((i + WARMUP) * 37) % 99;
            long[] row = {
                time(() -> sessionSmall.setWeight(small, w, WriteOptions.defaults())),
                time(() -> sessionBig.setWeight(big, w, WriteOptions.defaults())),
                time(() -> cold.setWeight(coldSmall, w, WriteOptions.defaults())),
                time(() -> cold.setWeight(coldBig, w, WriteOptions.defaults())),
                time(() -> raw.patch(IstioResources.VIRTUAL_SERVICE, namespace, coldSmall.virtualService(), weights(10, w))),
                time(() -> raw.patch(IstioResources.VIRTUAL_SERVICE, namespace, coldBig.virtualService(), weights(1000, w))),
            };
            if (i >= 0) {
                for (int k = 0; k < row.length; k++) {
                    t[k][i] = row[k];
                }
            }
        }
        Percentiles ss = Percentiles.ofNanos(t[0]);
        Percentiles sb = Percentiles.ofNanos(t[1]);
        Percentiles cs = Percentiles.ofNanos(t[2]);
        Percentiles cb = Percentiles.ofNanos(t[3]);
        Percentiles rs = Percentiles.ofNanos(t[4]);
        Percentiles rb = Percentiles.ofNanos(t[5]);
        report.add("shift in a session, 10 / 1,000 routes, p50", SetWeightLatency.ms(ss.p50()) + " / " + SetWeightLatency.ms(sb.p50())
                + String.format(Locale.ROOT, " (%.2fx)", sb.p50() / ss.p50()), RUNS + " shifts each, interleaved; goal <= 1.5x");
        report.add("cold shift, 10 / 1,000 routes, p50", SetWeightLatency.ms(cs.p50()) + " / " + SetWeightLatency.ms(cb.p50())
                + String.format(Locale.ROOT, " (%.2fx)", cb.p50() / cs.p50()), "reads both objects (a 148 kB VirtualService) first");
        report.add("raw JSON PATCH, 10 / 1,000 routes, p50", SetWeightLatency.ms(rs.p50()) + " / " + SetWeightLatency.ms(rb.p50())
                + String.format(Locale.ROOT, " (%.2fx)", rb.p50() / rs.p50()), "the API server's own cost of a bigger object");
    }

    private static ReleaseTarget install(RealApiServer server, String namespace, int routes, String prefix) {
        String host = prefix + "big-" + routes;
        ManyRoutes.install(server.client(), namespace, host, routes);
        ReleaseTarget target = ReleaseTarget.builder(namespace, host).route(ManyRoutes.routeName(routes / 2))
                .stableSubset("v1").canarySubset("v2").build();
        new GrayRelease(server.client(), SampleRelease.ACTOR).setWeight(target, 1, WriteOptions.defaults()); // two destinations now
        return target;
    }

    /** A one-field change (an annotation), so that the server stores a new version of the whole object each time. */
    private static String weights(int routes, int value) {
        return """
                [{"op":"add","path":"/metadata/annotations/bench","value":"%d-%d"}]""".formatted(routes, value);
    }

    private static long time(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return System.nanoTime() - start;
    }
}
