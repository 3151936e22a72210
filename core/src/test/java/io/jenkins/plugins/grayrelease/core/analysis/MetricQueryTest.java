package io.jenkins.plugins.grayrelease.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.jenkins.plugins.grayrelease.core.support.Durations;

class MetricQueryTest {
    private final QueryContext context = new QueryContext("shop", "reviews", "v2", Duration.ofSeconds(90));

    @Test
    void successRateSelectsTheCanaryVersionAndExcludesOnly5xx() {
        String promql = new MetricQuery.SuccessRate().render(context);

        assertThat(promql).contains("destination_service_namespace=\"shop\"", "destination_service_name=\"reviews\"",
                "destination_version=\"v2\"", "response_code!~\"5..\"", "[90s]", "* 100");
    }

    @Test
    void latencyPercentileBecomesAQuantileOverTheBuckets() {
        String promql = new MetricQuery.LatencyPercentile(95).render(context);

        assertThat(promql).startsWith("histogram_quantile(0.95,")
                .contains("istio_request_duration_milliseconds_bucket{", "sum by (le)");
    }

    @Test
    void labelValuesAreEscapedSoAQuoteCannotBreakTheQuery() {
        String promql = new MetricQuery.SuccessRate()
                .render(new QueryContext("shop", "re\"views", "v2", Duration.ofMinutes(1)));

        assertThat(promql).contains("destination_service_name=\"re\\\"views\"");
    }

    @Test
    void unknownPlaceholderIsRejectedListingTheKnownOnes() {
        assertThatThrownBy(() -> new MetricQuery.Custom("up{ns=\"{{ namespce }}\"}"))
                .hasMessageContaining("{{namespce}}").hasMessageContaining("{{namespace}}");
    }

    @Test
    void placeholdersMayCarrySpaces() {
        assertThat(new MetricQuery.Custom("x{a=\"{{ service }}\"}[{{interval}}]").render(context))
                .isEqualTo("x{a=\"reviews\"}[90s]");
    }

    @ParameterizedTest
    @CsvSource({"0", "100", "-5"})
    void percentileOutsideTheOpenRangeIsRejected(double percentile) {
        assertThatThrownBy(() -> new MetricQuery.LatencyPercentile(percentile))
                .hasMessageContaining("percentile must be above 0 and below 100");
    }

    @ParameterizedTest
    @CsvSource({"30s,30s", "5m,5m", "1h30m,90m", "90s,90s", "500ms,500ms", "2h,2h", "1d,24h"})
    void durationsReadAndPrintInTheSameFormat(String text, String formatted) {
        assertThat(Durations.format(Durations.parse(text))).isEqualTo(formatted);
    }

    @ParameterizedTest
    @CsvSource({"5", "5 minutes", "m5", "''", "1.5m"})
    void durationWithoutUnitIsRejectedWithAnExample(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("for example 30s");
    }

    @Test
    void thresholdNeverAcceptsNaNAndNeedsABound() {
        assertThat(Threshold.atLeast(99).accepts(Double.NaN)).isFalse();
        assertThat(Threshold.atLeast(99).accepts(99)).isTrue();
        assertThat(Threshold.atMost(500).accepts(500.5)).isFalse();
        assertThatThrownBy(() -> Threshold.of(java.util.Optional.empty(), java.util.Optional.empty()))
                .hasMessageContaining("could never fail");
        assertThatThrownBy(() -> Threshold.of(java.util.Optional.of(5.0), java.util.Optional.of(1.0)))
                .hasMessageContaining("swap them");
    }
}
