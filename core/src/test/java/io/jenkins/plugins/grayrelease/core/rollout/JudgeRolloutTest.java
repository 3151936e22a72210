package io.jenkins.plugins.grayrelease.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Check;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison.State;
import io.jenkins.plugins.grayrelease.core.analysis.judge.IstioSeries;
import io.jenkins.plugins.grayrelease.core.analysis.judge.RequestStreams.Behaviour;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult.Outcome;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The judge on a real Prometheus: Istio-shaped series of a stable {@code v1} (90 requests/s, 0.5 %
 * errors, log-normal latency with median 50 ms) and canaries at 10 requests/s — {@code v2} exactly
 * like the stable, {@code v3} with 3 % errors and 50 % slower, {@code v6} with only 1 request/s (a
 * canary at weight 10 getting about 1 % of the requests) — drawn by the seeded simulator and
 * backfilled over the half hour before {@link #END}. The rollout's clock walks through that half
 * hour 30 s per measurement.
 */
@Tag("prometheus")
class JudgeRolloutTest {
    static final Instant END = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    static final Instant START = END.minus(Duration.ofMinutes(30));
    static final Behaviour STABLE = new Behaviour(0.005, 50, 0.6);

    @RegisterExtension
    static final CanaryPrometheus prometheus = new CanaryPrometheus(() -> new IstioSeries("shop", "reviews", START, END,
            Duration.ofSeconds(15))
            .version("v1", 90, STABLE)
            .version("v2", 10, STABLE)
            .version("v3", 10, STABLE.withErrorRate(0.03).slower(1.5))
            .version("v6", 1, STABLE)
            .openMetrics(21));

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSubsets("v1", "v2", "v3", "v6");
    RecordingListener listener = new RecordingListener();

    RolloutResult run(String canary) {
        String plan = prometheus.measuring("""
                target: {namespace: shop, service: reviews, route: primary, stable: v1, canary: %s}
                steps:
                  - setWeight: 10
                  - analysis:
                      interval: 10ms
                      count: 40
                      compare: {}
                """.formatted(canary));
        return new RolloutRunner(new GrayRelease(cluster.client(), new Actor("judge-test", "junit")), new ScriptedGate(),
                listener, RolloutRunner.Settings.defaults()
                        .withAnalysisClock(new TickingClock(START.plus(Duration.ofMinutes(2)), Duration.ofSeconds(30))))
                .run(new PlanParser().parse(plan, "plan.yaml"));
    }

    private static Comparison comparison(RolloutResult result, Check check) {
        return result.analyses().get(0).verdict().lastComparisons().stream().filter(c -> c.check() == check)
                .findFirst().orElseThrow();
    }

    @Test
    void aCanaryBehavingLikeTheStableIsPromoted() {
        RolloutResult result = run("v2");

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.PROMOTED);
        assertThat(cluster.share("v2")).isEqualTo(100);
        AnalysisRecord analysis = result.analyses().get(0);
        assertThat(analysis.verdict().passed()).isTrue();
        assertThat(comparison(result, Check.ERRORS).state()).isIn(State.PASSED, State.WATCHING);
        assertThat(comparison(result, Check.ERRORS).pValue()).isGreaterThan(0.0167);
        assertThat(comparison(result, Check.ERRORS).canary().requests()).isGreaterThan(1000);
        assertThat(listener.log()).contains("errors: ", "latency: ", "trafficSplit: ", "stable");
    }

    @Test
    void aCanaryWithMoreErrorsAndSlowerIsRolledBackWithTheEvidenceInTheResult() {
        RolloutResult result = run("v3");

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.ROLLED_BACK_BY_ANALYSIS);
        assertThat(cluster.share("v3")).isZero();
        assertThat(result.message()).contains("the comparison with the stable failed", "FAILED");
        Comparison errors = comparison(result, Check.ERRORS);
        assertThat(errors.state()).isEqualTo(State.FAILED);
        assertThat(errors.pValue()).isLessThan(errors.alpha());
        assertThat(errors.lower()).isGreaterThan(1);
        assertThat(errors.queries()).anyMatch(q -> q.contains("destination_version=\"v3\"") && q.contains("response_code=~\"5..\""))
                .anyMatch(q -> q.contains("destination_version=\"v1\""));
        assertThat(comparison(result, Check.LATENCY).estimate()).isPositive();

        @SuppressWarnings("unchecked")
        Map<String, Object> evidence = (Map<String, Object>) ((List<Object>) StatusDocument.of(result).get("analyses")).get(0);
        assertThat(evidence).containsEntry("passed", false);
        assertThat(evidence.get("comparisons").toString()).contains("check=errors", "state=FAILED", "pValue=",
                "errorRatePercent=", "destination_version=\"v3\"");
    }

    @Test
    void aCanaryGettingFarLessThanItsWeightIsReported() {
        RolloutResult result = run("v6");

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.ROLLED_BACK_BY_ANALYSIS);
        Comparison split = comparison(result, Check.TRAFFIC_SPLIT);
        assertThat(split.state()).isEqualTo(State.FAILED);
        assertThat(split.sentence()).contains("far less traffic than its weight", "weight 10.00 %");
        assertThat(split.estimate()).isLessThan(3);
        assertThat(result.message()).contains("trafficSplit: FAILED");
    }
}
