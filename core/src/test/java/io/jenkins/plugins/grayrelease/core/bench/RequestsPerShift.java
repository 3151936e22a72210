package io.jenkins.plugins.grayrelease.core.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.GrayRelease;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import io.jenkins.plugins.grayrelease.core.it.SampleRelease;
import java.util.Locale;

/** HTTP requests the engine sends per operation, counted by an interceptor on its own client. */
final class RequestsPerShift {

    private static final int SHIFTS = 50;

    private RequestsPerShift() {
    }

    static void run(RealApiServer server, BenchReport report) {
        SampleRelease release = SampleRelease.install(server, "bench-requests");
        RequestCounter counter = new RequestCounter();
        try (KubernetesClient client = server.newClient(b -> b.withHttpClientBuilderConsumer(
                h -> h.addOrReplaceInterceptor("bench-counter", counter)))) {
            GrayRelease engine = new GrayRelease(client, SampleRelease.ACTOR);
            engine.status(release.target()); // anything the client does only once is not counted below

            RequestCounter.Snapshot start = counter.snapshot();
            for (int i = 0; i < SHIFTS; i++) {
                engine.setWeight(release.target(), 1 + i % 99, WriteOptions.defaults());
            }
            report.add("API requests per weight shift", per(counter.snapshot().minus(start), SHIFTS),
                    SHIFTS + " shifts, uncontended");

            start = counter.snapshot();
            engine.setWeight(release.target(), 99, WriteOptions.dryRunOnly());
            report.add("API requests per dry-run weight shift", per(counter.snapshot().minus(start), 1),
                    "the PATCH is the server-side dry run");

            engine.setWeight(release.target(), 99, WriteOptions.defaults());
            start = counter.snapshot();
            engine.setWeight(release.target(), 99, WriteOptions.defaults());
            report.add("API requests for a weight already in place", per(counter.snapshot().minus(start), 1),
                    "idempotent: nothing written");

            start = counter.snapshot();
            engine.promote(release.target(), PromoteOptions.defaults());
            report.add("API requests per promote", per(counter.snapshot().minus(start), 1), "");
        }
    }

    private static String per(RequestCounter.Snapshot s, int operations) {
        return String.format(Locale.ROOT, "%.1f (%.1f GET, %.1f PATCH, %.1f other)", (double) s.total() / operations,
                (double) s.gets() / operations, (double) s.patches() / operations, (double) s.others() / operations);
    }
}
