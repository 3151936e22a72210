package io.jenkins.plugins.grayrelease.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.analysis.CanaryMetrics;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.cluster.RouteResources;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult.Outcome;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rollout plan on a Gateway API HTTPRoute measures the canary by its own Service: in the
 * two-Services layout the canary's requests are those of {@code reviews-canary}, whatever version
 * label its pods carry. The data is real (backfilled into a real Prometheus: the canary Service
 * answers 25 % of its requests with 503 for the last 30 minutes).
 */
@Tag("prometheus")
class HttpRouteAnalysisTest {

    @RegisterExtension
    static final CanaryPrometheus prometheus = new CanaryPrometheus();

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.start();
    RecordingListener listener;

    @BeforeEach
    void startCluster() {
        Variant.HTTP_ROUTE.install(cluster.client());
        listener = new RecordingListener();
    }

    private List<String> mainBackends() {
        JsonNode route = new IstioResources(cluster.client()).get(RouteResources.of(RouteKind.HTTP_ROUTE), "shop", "reviews");
        List<String> backends = new ArrayList<>();
        for (JsonNode rule : route.path("spec").path("rules")) {
            if ("main".equals(rule.path("name").asText())) {
                rule.path("backendRefs").forEach(b -> backends.add(b.path("name").asText() + "=" + b.path("weight").asInt(1)));
            }
        }
        return backends;
    }

    @Test
    void aFailingCanaryServiceIsMeasuredByItsServiceAndRolledBack() {
        String plan = prometheus.successRatePlan(
                "{namespace: shop, service: reviews, httpRoute: reviews, route: main, stable: reviews-stable, canary: reviews-canary}");

        RolloutResult result = new RolloutRunner(new GrayRelease(cluster.client(), new Actor("rollout-test", "junit")),
                new ScriptedGate(), listener, RolloutRunner.Settings.defaults().withAnalysisClock(CanaryMetrics.clock()))
                .run(new PlanParser().parse(plan, "plan.yaml"));

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.ROLLED_BACK_BY_ANALYSIS);
        assertThat(listener.log()).contains("success-rate", "observed 75");
        assertThat(mainBackends()).containsExactly("reviews-stable=100");
    }
}
