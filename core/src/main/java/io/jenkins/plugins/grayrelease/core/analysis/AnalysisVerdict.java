package io.jenkins.plugins.grayrelease.core.analysis;

import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison;
import java.util.List;

/**
 * The end of an analysis.
 *
 * @param passed true only when enough measurements passed; inconclusive ones never make it true
 * @param summary one sentence for logs, e.g. "2 of 3 measurements failed (limit 1)"
 * @param measurements every measurement taken, in order
 */
public record AnalysisVerdict(boolean passed, String summary, List<Measurement> measurements) {
    public AnalysisVerdict {
        measurements = List.copyOf(measurements);
    }

    /** The results of the last measurement, e.g. to show the value that broke the threshold. */
    public List<MetricResult> lastResults() {
        return measurements.isEmpty() ? List.of() : measurements.get(measurements.size() - 1).results();
    }

    /** The judge's comparisons at the last measurement: the evidence of its verdict (each carries its history). */
    public List<Comparison> lastComparisons() {
        return measurements.isEmpty() ? List.of() : measurements.get(measurements.size() - 1).comparisons();
    }
}
