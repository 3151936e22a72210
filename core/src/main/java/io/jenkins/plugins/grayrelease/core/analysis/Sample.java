package io.jenkins.plugins.grayrelease.core.analysis;

import java.time.Instant;
import java.util.Map;

/** One value of one series at one instant, as Prometheus returned it. NaN and ±Inf are kept. */
public record Sample(Map<String, String> labels, Instant timestamp, double value) {
    public Sample {
        labels = Map.copyOf(labels);
    }
}
