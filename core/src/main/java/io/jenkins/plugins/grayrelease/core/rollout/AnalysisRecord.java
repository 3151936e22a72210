package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import java.util.Objects;

/**
 * An analysis of a run with its verdict (and so its evidence).
 *
 * @param analysis "step N" or "background"
 */
public record AnalysisRecord(String analysis, AnalysisVerdict verdict) {
    public AnalysisRecord {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(verdict, "verdict");
    }
}
