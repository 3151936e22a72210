package io.jenkins.plugins.grayrelease.core.analysis;

import static io.jenkins.plugins.grayrelease.core.analysis.CanaryMetrics.END;
import static io.jenkins.plugins.grayrelease.core.analysis.CanaryMetrics.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.grayrelease.core.errors.PrometheusQueryException.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.jenkins.plugins.grayrelease.core.errors.PrometheusQueryException;

/** Analysis against a real Prometheus serving backfilled Istio metrics; no mocked answers. */
@Tag("prometheus")
class PrometheusAnalysisTest {
    @TempDir
    static Path workDir;

    static PrometheusFixture prometheus;
    static PrometheusClient client;
    static MetricEvaluator evaluator;

    static final MetricCheck SUCCESS_RATE = new MetricCheck("success-rate", new MetricQuery.SuccessRate(),
            Duration.ofMinutes(1), Threshold.atLeast(99));
    static final MetricCheck LATENCY_P99 = new MetricCheck("latency-p99", new MetricQuery.LatencyPercentile(99),
            Duration.ofMinutes(1), Threshold.atMost(500));

    @BeforeAll
    static void startPrometheus() {
        prometheus = CanaryMetrics.startPrometheus(workDir);
        client = new PrometheusClient(prometheus.endpoint());
        evaluator = new MetricEvaluator(client);
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void healthyCanaryPassesSuccessRateAndLatency() {
        MetricResult rate = evaluator.evaluate(SUCCESS_RATE, context(CanaryMetrics.HEALTHY), END);
        MetricResult latency = evaluator.evaluate(LATENCY_P99, context(CanaryMetrics.HEALTHY), END);

        assertThat(rate.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(rate.observed().getAsDouble()).isCloseTo(100.0, within(0.001));
        assertThat(latency.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(latency.observed().getAsDouble()).isBetween(25.0, 50.0);
    }

    @Test
    void errorSpikeOfTwentyFivePercentFailsAndReportsObservedRateAndThreshold() {
        MetricResult rate = evaluator.evaluate(SUCCESS_RATE, context(CanaryMetrics.ERROR_SPIKE), END);

        assertThat(rate.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(rate.observed().getAsDouble()).isCloseTo(75.0, within(0.5));
        assertThat(rate.describe()).contains("success-rate", "observed 75", "threshold >= 99", "FAILED");
    }

    @Test
    void sameCanaryPassedBeforeTheSpikeBecauseQueriesReadTheRequestedTime() {
        MetricResult before = evaluator.evaluate(SUCCESS_RATE, context(CanaryMetrics.ERROR_SPIKE),
                CanaryMetrics.SPIKE.minus(Duration.ofMinutes(10)));

        assertThat(before.outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void latencyBreachFailsWithTheObservedPercentile() {
        MetricResult latency = evaluator.evaluate(LATENCY_P99, context(CanaryMetrics.SLOW), END);

        assertThat(latency.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(latency.observed().getAsDouble()).isGreaterThan(1000.0);
        assertThat(latency.describe()).contains("latency-p99", "threshold <= 500", "FAILED");
    }

    @Test
    void canaryWithoutDataIsInconclusiveNotPassed() {
        MetricResult rate = evaluator.evaluate(SUCCESS_RATE, context(CanaryMetrics.SILENT), END);

        assertThat(rate.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(rate.observed()).isEmpty();
        assertThat(rate.reason()).contains("no data");
    }

    @Test
    void noDataFailsTheAnalysisAfterTheConfiguredTries() throws InterruptedException {
        AnalysisRunner runner = new AnalysisRunner(evaluator, CanaryMetrics.clock(), d -> { });
        AnalysisSpec spec = new AnalysisSpec(List.of(SUCCESS_RATE), Duration.ofSeconds(1), 5, 0, 3);
        List<Measurement> seen = new ArrayList<>();

        AnalysisVerdict verdict = runner.run(spec, context(CanaryMetrics.SILENT), seen::add);

        assertThat(verdict.passed()).isFalse();
        assertThat(seen).hasSize(3).allMatch(m -> m.outcome() == Outcome.INCONCLUSIVE);
    }

    @Test
    void failureLimitToleratesThatManyFailedMeasurementsAndStopsAtTheNextOne() throws InterruptedException {
        AnalysisRunner runner = new AnalysisRunner(evaluator, CanaryMetrics.clock(), d -> { });
        AnalysisSpec spec = new AnalysisSpec(List.of(SUCCESS_RATE), Duration.ofSeconds(1), 5, 1, 3);

        AnalysisVerdict verdict = runner.run(spec, context(CanaryMetrics.ERROR_SPIKE), m -> { });

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.measurements()).hasSize(2);
        assertThat(verdict.summary()).isEqualTo("2 measurements failed, failure limit 1");
    }

    @Test
    void healthyCanaryPassesAnAnalysisOfSeveralMeasurements() throws InterruptedException {
        AnalysisRunner runner = new AnalysisRunner(evaluator, CanaryMetrics.clock(), d -> { });
        AnalysisSpec spec = new AnalysisSpec(List.of(SUCCESS_RATE, LATENCY_P99), Duration.ofSeconds(1), 3, 0, 3);

        AnalysisVerdict verdict = runner.run(spec, context(CanaryMetrics.HEALTHY), m -> { });

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.measurements()).hasSize(3);
    }

    @Test
    void customQueryFillsInPlaceholders() {
        MetricCheck errorsPerSecond = new MetricCheck("errors-per-second", new MetricQuery.Custom(
                "sum(rate(istio_requests_total{destination_service_namespace=\"{{namespace}}\","
                        + "destination_service_name=\"{{service}}\",destination_version=\"{{canaryVersion}}\","
                        + "response_code=~\"5..\"}[{{interval}}]))"),
                Duration.ofMinutes(2), Threshold.atMost(0.5));

        MetricResult result = evaluator.evaluate(errorsPerSecond, context(CanaryMetrics.ERROR_SPIKE), END);

        assertThat(result.query()).contains("destination_version=\"v3\"", "[2m]");
        assertThat(result.observed().getAsDouble()).isCloseTo(1.25, within(0.01));
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void rangeQueryReturnsTheSeriesOverTime() {
        List<Series> series = client.rangeQuery(
                "sum(rate(istio_requests_total{destination_version=\"v3\",response_code=\"503\"}[1m]))",
                END.minus(Duration.ofMinutes(50)), END, Duration.ofMinutes(5));

        assertThat(series).hasSize(1);
        List<Sample> points = series.get(0).points();
        assertThat(points).hasSize(11);
        assertThat(points.get(0).value()).isZero();
        assertThat(points.get(points.size() - 1).value()).isCloseTo(1.25, within(0.01));
    }

    @Test
    void invalidPromqlIsRejectedNamingTheQueryAndTheServer() {
        assertThatThrownBy(() -> client.instantQuery("sum(rate(istio_requests_total[1m]", END))
                .isInstanceOfSatisfying(PrometheusQueryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REJECTED);
                    assertThat(e.getMessage()).contains("sum(rate(istio_requests_total[1m]",
                            prometheus.url().toString(), "fix the PromQL");
                });
    }
}
