package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutListener;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutRunner;
import io.jenkins.plugins.grayrelease.core.rollout.ScriptedGate;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import org.junit.jupiter.api.Test;

/** Requests per shift on the real API server: three cold, one in a session and in a rollout. */
@ApiServerTest
class SessionRequestsTest {

    @Test
    void coldShiftTakesThreeRequestsAndASessionShiftOne(RealApiServer server) {
        SampleRelease release = SampleRelease.install(server, "session-requests");
        RequestCounter counter = new RequestCounter();
        try (KubernetesClient client = server.newClient(b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("counter", counter)))) {
            GrayRelease engine = new GrayRelease(client, SampleRelease.ACTOR);
            RequestCounter.Snapshot start = counter.snapshot();
            engine.setWeight(release.target(), 5, WriteOptions.defaults());
            // The readiness gate adds the Service's selector and one list of the namespace's Deployments.
            assertThat(counter.snapshot().minus(start).total()).as("cold: VirtualService, DestinationRule, Service, Deployments, PATCH")
                    .isLessThanOrEqualTo(5);

            GrayRelease session = engine.session();
            session.setWeight(release.target(), 6, WriteOptions.defaults());
            start = counter.snapshot();
            for (int w = 10; w <= 50; w += 10) {
                session.setWeight(release.target(), w, WriteOptions.defaults());
            }
            RequestCounter.Snapshot used = counter.snapshot().minus(start);
            // Each shift: the gate's list of Deployments (the Service is remembered) and the PATCH.
            assertThat(used.total()).as("five shifts in a session").isEqualTo(10);
            assertThat(used.patches()).isEqualTo(5);
            assertThat(release.stored().weight("primary", "v2")).isEqualTo(50);
        }
    }

    @Test
    void aRolloutSendsOneRequestPerWrite(RealApiServer server) {
        SampleRelease release = SampleRelease.install(server, "session-rollout");
        RequestCounter counter = new RequestCounter();
        try (KubernetesClient client = server.newClient(b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("counter", counter)))) {
            RolloutPlan plan = new PlanParser().parse("""
                    name: requests
                    target: {namespace: %s, service: %s, stable: v1, canary: v2}
                    steps:
                      - setWeight: 10
                      - setWeight: 25
                      - setWeight: 50
                      - setWeight: 75
                    """.formatted(release.namespace(), Variant.ADMIN_ROUTE.service()), "plan.yaml");
            int[] writes = {0};
            RequestCounter.Snapshot[] afterFirstRead = {null};
            RolloutListener listener = new RolloutListener() {
                @Override
                public void runStarted(RolloutPlan p, int fromStep, boolean resumed) {
                    afterFirstRead[0] = counter.snapshot();
                }
            };
            RolloutResult result = new RolloutRunner(new GrayRelease(client, SampleRelease.ACTOR), new ScriptedGate(), listener,
                    RolloutRunner.Settings.defaults()).run(plan);
            RequestCounter.Snapshot used = counter.snapshot().minus(afterFirstRead[0]);

            assertThat(result.outcome()).isEqualTo(RolloutResult.Outcome.PROMOTED);
            // Per step: progress recorded running, the shift, progress recorded done; then the promotion.
            writes[0] = 4 * 3 + 1;
            assertThat(used.patches()).isEqualTo(writes[0]);
            // Plus the readiness gate: the Service once, and a list of Deployments before each of the 5 writes that send the canary more.
            assertThat(used.total()).as("requests per write after the run's first read").isEqualTo(writes[0] + 1 + 5);
        }
    }
}
