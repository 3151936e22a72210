package io.jenkins.plugins.grayrelease.core.analysis;

import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison;
import java.util.List;

/**
 * All metric results taken at one instant. Failed if any metric failed; otherwise inconclusive
 * if any metric was; otherwise passed.
 *
 * @param number 1-based position in the analysis, counting retries
 * @param comparisons the judge's comparisons of canary and stable at this instant; empty without one
 */
public record Measurement(int number, List<MetricResult> results, List<Comparison> comparisons) {
    public Measurement {
        results = List.copyOf(results);
        comparisons = List.copyOf(comparisons);
    }

    /** Thresholds only. */
    public Measurement(int number, List<MetricResult> results) {
        this(number, results, List.of());
    }

    public Outcome outcome() {
        if (results.stream().anyMatch(r -> r.outcome() == Outcome.FAILED)
                || comparisons.stream().anyMatch(c -> c.state() == Comparison.State.FAILED)) {
            return Outcome.FAILED;
        }
        if (results.stream().anyMatch(r -> r.outcome() == Outcome.INCONCLUSIVE)
                || comparisons.stream().anyMatch(c -> c.state() == Comparison.State.INCONCLUSIVE)) {
            return Outcome.INCONCLUSIVE;
        }
        return Outcome.PASSED;
    }
}
