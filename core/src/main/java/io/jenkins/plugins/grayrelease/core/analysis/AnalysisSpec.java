package io.jenkins.plugins.grayrelease.core.analysis;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import io.jenkins.plugins.grayrelease.core.analysis.judge.JudgeSpec;

/**
 * How to analyse the canary.
 *
 * @param metrics checks made at every measurement
 * @param interval time between measurements
 * @param count measurements needed for a verdict; 0 means "until stopped" (background analysis)
 * @param failureLimit failed measurements tolerated; one more fails the analysis
 * @param inconclusiveTries how many inconclusive measurements in a row are retried before they
 *     count as one failed measurement
 * @param compare the judge's comparison of canary and stable at every measurement; null for none
 */
public record AnalysisSpec(List<MetricCheck> metrics, Duration interval, int count, int failureLimit,
        int inconclusiveTries, JudgeSpec compare) {
    public static final int DEFAULT_INCONCLUSIVE_TRIES = 3;

    public AnalysisSpec {
        metrics = List.copyOf(Objects.requireNonNull(metrics, "metrics"));
        Objects.requireNonNull(interval, "interval");
        if (metrics.isEmpty() && compare == null) {
            throw new IllegalArgumentException("an analysis needs at least one metric or a comparison with the stable");
        }
        var names = new HashSet<String>();
        for (MetricCheck m : metrics) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("metric name '" + m.name() + "' is used twice; give each"
                        + " metric its own name");
            }
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 (until stopped) or more, got " + count);
        }
        if (failureLimit < 0) {
            throw new IllegalArgumentException("failureLimit must be 0 or more, got " + failureLimit);
        }
        if (count > 0 && failureLimit >= count) {
            throw new IllegalArgumentException("failureLimit " + failureLimit + " tolerates all " + count
                    + " measurements failing, so the analysis could never fail; make it smaller than count");
        }
        if (inconclusiveTries < 1) {
            throw new IllegalArgumentException("inconclusiveTries must be 1 or more, got " + inconclusiveTries);
        }
    }

    /** Thresholds only. */
    public AnalysisSpec(List<MetricCheck> metrics, Duration interval, int count, int failureLimit, int inconclusiveTries) {
        this(metrics, interval, count, failureLimit, inconclusiveTries, null);
    }

    public boolean untilStopped() {
        return count == 0;
    }
}
