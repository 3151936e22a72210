package io.jenkins.plugins.grayrelease.core.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import io.jenkins.plugins.grayrelease.core.it.RequestCounter;
import io.jenkins.plugins.grayrelease.core.it.SampleRelease;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutListener;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutRunner;
import io.jenkins.plugins.grayrelease.core.rollout.ScriptedGate;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
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
            report.add("API requests per weight shift, cold", per(counter.snapshot().minus(start), SHIFTS),
                    SHIFTS + " shifts, uncontended, each a new operation (grayctl weight)");

            GrayRelease session = engine.session();
            session.setWeight(release.target(), 50, WriteOptions.defaults()); // the session's first read
            start = counter.snapshot();
            for (int i = 0; i < SHIFTS; i++) {
                session.setWeight(release.target(), 1 + i % 99, WriteOptions.defaults());
            }
            report.add("API requests per weight shift, in a session", per(counter.snapshot().minus(start), SHIFTS),
                    SHIFTS + " shifts after the session's first read");

            RolloutPlan plan = new PlanParser().parse("""
                    name: bench
                    target: {namespace: %s, service: %s, stable: v1, canary: v2}
                    steps: [{setWeight: 10}, {setWeight: 25}, {setWeight: 50}, {setWeight: 75}]
                    """.formatted(release.namespace(), Variant.ADMIN_ROUTE.service()), "bench.yaml");
            engine.rollback(release.target(), WriteOptions.defaults());
            RequestCounter.Snapshot[] started = {null};
            new RolloutRunner(engine, new ScriptedGate(), new RolloutListener() {
                @Override
                public void runStarted(RolloutPlan p, int fromStep, boolean resumed) {
                    started[0] = counter.snapshot();
                }
            }, RolloutRunner.Settings.defaults()).run(plan);
            int writes = 4 * 3 + 1;
            report.add("API requests per write inside a rollout", per(counter.snapshot().minus(started[0]), writes),
                    "4 weight steps, each with its progress recorded before and after, then promote: " + writes
                            + " writes after the run's first read");
            engine.rollback(release.target(), WriteOptions.defaults());

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
