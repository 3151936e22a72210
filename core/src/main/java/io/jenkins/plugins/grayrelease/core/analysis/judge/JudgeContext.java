package io.jenkins.plugins.grayrelease.core.analysis.judge;

import io.jenkins.plugins.grayrelease.core.analysis.QueryContext;
import java.util.Objects;

/**
 * The two sides the judge compares and the weights written meanwhile.
 *
 * @param canary the canary's service and version (as the threshold analysis measures it)
 * @param stable the stable's: the same service and the stable's version, or the stable's own
 *     Service in the two-Services layout
 */
public record JudgeContext(QueryContext canary, QueryContext stable, WeightHistory weights) {
    public JudgeContext {
        Objects.requireNonNull(canary, "canary");
        Objects.requireNonNull(stable, "stable");
        Objects.requireNonNull(weights, "weights");
    }
}
