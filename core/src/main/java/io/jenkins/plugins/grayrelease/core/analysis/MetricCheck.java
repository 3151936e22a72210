package io.jenkins.plugins.grayrelease.core.analysis;

import java.time.Duration;
import java.util.Objects;

/**
 * One metric to watch: what to measure, over which window, and which values are acceptable.
 *
 * @param name shown in logs, unique within an analysis
 * @param query built-in template or custom PromQL
 * @param window value of {@code {{interval}}}: how far back each measurement looks
 * @param threshold accepted range
 */
public record MetricCheck(String name, MetricQuery query, Duration window, Threshold threshold) {
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    public MetricCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(threshold, "threshold");
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("metric '" + name + "': interval must be positive");
        }
    }
}
