package io.jenkins.plugins.grayrelease.core.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.it.ManyRoutes;
import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import io.jenkins.plugins.grayrelease.core.it.RequestCounter;
import io.jenkins.plugins.grayrelease.core.it.SampleRelease;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * 50 releases at once, one per service (its own VirtualService and DestinationRule), each
 * 10 → 25 → 50 → 75 % and promote, through one shared engine and client. A lost update is a
 * service that does not end with all traffic on v2 and PROMOTED recorded.
 */
final class ConcurrentReleases {

    private static final int SERVICES = 50;
    private static final int[] STEPS = {10, 25, 50, 75};

    private ConcurrentReleases() {
    }

    static void run(RealApiServer server, BenchReport report) throws Exception {
        String namespace = server.createNamespace("bench-releases");
        RequestCounter counter = new RequestCounter();
        try (KubernetesClient client = server.newClient(b -> b.withHttpClientBuilderConsumer(
                h -> h.addOrReplaceInterceptor("bench-counter", counter)))) {
            List<ReleaseTarget> targets = new ArrayList<>();
            for (int i = 0; i < SERVICES; i++) {
                String host = "svc-%02d".formatted(i);
                ManyRoutes.install(client, namespace, host, 1);
                targets.add(ReleaseTarget.builder(namespace, host).route(ManyRoutes.routeName(0))
                        .stableSubset("v1").canarySubset("v2").build());
            }
            GrayRelease engine = new GrayRelease(client, SampleRelease.ACTOR);
            ExecutorService pool = Executors.newFixedThreadPool(SERVICES);
            RequestCounter.Snapshot start = counter.snapshot();
            long began = System.nanoTime();
            List<Future<?>> releases = new ArrayList<>();
            try {
                for (ReleaseTarget target : targets) {
                    releases.add(pool.submit(() -> {
                        for (int weight : STEPS) {
                            engine.setWeight(target, weight, WriteOptions.defaults());
                        }
                        engine.promote(target, PromoteOptions.defaults());
                    }));
                }
                for (Future<?> release : releases) {
                    release.get();
                }
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            RequestCounter.Snapshot used = counter.snapshot().minus(start);
            int lost = 0;
            for (ReleaseTarget target : targets) {
                ReleaseStatus status = engine.status(target.toBuilder().stable(null).canary(null).build());
                if (status.phase() != Phase.PROMOTED || !"v2".equals(status.stable().subset()) || status.weights().stable() != 100) {
                    lost++;
                }
            }
            int writes = SERVICES * (STEPS.length + 1);
            report.add(SERVICES + " concurrent releases (" + writes + " writes): wall time",
                    String.format(Locale.ROOT, "%.2f s (%.0f writes/s)", seconds, writes / seconds),
                    used.total() + " requests, " + used.conflicts() + " conflicts (409)");
            report.add(SERVICES + " concurrent releases: lost updates", String.valueOf(lost),
                    "each service ends 100 % on v2, PROMOTED recorded");
        }
    }
}
