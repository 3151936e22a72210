package io.jenkins.plugins.grayrelease.core.analysis;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import io.jenkins.plugins.grayrelease.core.errors.PrometheusQueryException;

/** Runs one {@link MetricCheck} against Prometheus and judges the answer. */
public final class MetricEvaluator {
    private final PrometheusClient prometheus;

    public MetricEvaluator(PrometheusClient prometheus) {
        this.prometheus = prometheus;
    }

    /** The client the judge queries too. */
    public PrometheusClient prometheus() {
        return prometheus;
    }

    /** Never throws for Prometheus failures: they are inconclusive, not verdicts. */
    public MetricResult evaluate(MetricCheck check, QueryContext context, Instant time) {
        String promql = check.query().render(context.withInterval(check.window()));
        List<Sample> samples;
        try {
            samples = prometheus.instantQuery(promql, time);
        } catch (PrometheusQueryException e) {
            return inconclusive(check, time, promql, OptionalDouble.empty(), e.getMessage());
        }
        if (samples.isEmpty()) {
            return inconclusive(check, time, promql, OptionalDouble.empty(),
                    "no data: Prometheus has no series for this query at " + time);
        }
        if (samples.size() > 1) {
            return inconclusive(check, time, promql, OptionalDouble.empty(), "the query returned "
                    + samples.size() + " series; aggregate it to one number, e.g. with sum(...) or max(...)");
        }
        double value = samples.get(0).value();
        if (Double.isNaN(value)) {
            return inconclusive(check, time, promql, OptionalDouble.empty(),
                    "no data: the value is NaN (no requests in the window)");
        }
        Outcome outcome = check.threshold().accepts(value) ? Outcome.PASSED : Outcome.FAILED;
        return new MetricResult(check, time, outcome, OptionalDouble.of(value), promql, "");
    }

    private static MetricResult inconclusive(MetricCheck check, Instant time, String promql, OptionalDouble value,
            String reason) {
        return new MetricResult(check, time, Outcome.INCONCLUSIVE, value, promql, reason);
    }
}
