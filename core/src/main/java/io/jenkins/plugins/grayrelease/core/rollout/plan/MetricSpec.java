package io.jenkins.plugins.grayrelease.core.rollout.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.grayrelease.core.analysis.MetricCheck;
import io.jenkins.plugins.grayrelease.core.analysis.MetricQuery;
import io.jenkins.plugins.grayrelease.core.analysis.Threshold;
import java.util.Optional;

/**
 * One metric of an analysis: a built-in {@code template} ({@code successRate} in percent,
 * {@code latency} in milliseconds at {@code percentile}) or a custom PromQL {@code query}, with
 * {@code min} and/or {@code max}; {@code interval} is the window each measurement looks back over.
 */
public record MetricSpec(String name, Template template, Double percentile, String query, String interval,
        Double min, Double max) {

    /** Built-in queries over Istio's standard metrics. */
    public enum Template {
        @JsonProperty("successRate") SUCCESS_RATE,
        @JsonProperty("latency") LATENCY
    }

    public MetricSpec {
        Checks.required(name, "name");
        if ((template == null) == (query == null)) {
            throw new IllegalArgumentException("metric '" + name + "' needs exactly one of 'template'"
                    + " (successRate, latency) or 'query' (custom PromQL)");
        }
        if (percentile != null && template != Template.LATENCY) {
            throw new FieldProblem("percentile", "metric '" + name + "': 'percentile' applies only to template: latency");
        }
        if (min == null && max == null) {
            throw new IllegalArgumentException("metric '" + name + "' needs 'min', 'max' or both; without a"
                    + " bound it could never fail");
        }
        toCheck(name, template, percentile, query, interval, min, max);
    }

    public MetricCheck toCheck() {
        return toCheck(name, template, percentile, query, interval, min, max);
    }

    private static MetricCheck toCheck(String name, Template template, Double percentile, String query,
            String interval, Double min, Double max) {
        MetricQuery q;
        try {
            if (template == Template.SUCCESS_RATE) {
                q = new MetricQuery.SuccessRate();
            } else if (template == Template.LATENCY) {
                q = new MetricQuery.LatencyPercentile(percentile == null ? 99 : percentile);
            } else {
                q = new MetricQuery.Custom(query);
            }
        } catch (IllegalArgumentException e) {
            throw new FieldProblem(template == null ? "query" : "percentile", "metric '" + name + "': " + e.getMessage(), e);
        }
        Threshold threshold;
        try {
            threshold = Threshold.of(Optional.ofNullable(min), Optional.ofNullable(max));
        } catch (IllegalArgumentException e) {
            throw new FieldProblem("min", "metric '" + name + "': " + e.getMessage(), e);
        }
        return new MetricCheck(name, q, Checks.duration(interval, "interval", MetricCheck.DEFAULT_WINDOW), threshold);
    }
}
