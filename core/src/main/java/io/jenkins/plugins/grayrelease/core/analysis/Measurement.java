package io.jenkins.plugins.grayrelease.core.analysis;

import java.util.List;

/**
 * All metric results taken at one instant. Failed if any metric failed; otherwise inconclusive
 * if any metric was; otherwise passed.
 *
 * @param number 1-based position in the analysis, counting retries
 */
public record Measurement(int number, List<MetricResult> results) {
    public Measurement {
        results = List.copyOf(results);
    }

    public Outcome outcome() {
        if (results.stream().anyMatch(r -> r.outcome() == Outcome.FAILED)) {
            return Outcome.FAILED;
        }
        if (results.stream().anyMatch(r -> r.outcome() == Outcome.INCONCLUSIVE)) {
            return Outcome.INCONCLUSIVE;
        }
        return Outcome.PASSED;
    }
}
