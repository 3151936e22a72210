package io.jenkins.plugins.grayrelease.core.analysis;

/** What one measurement says about the canary. */
public enum Outcome {
    /** The observed value is within the threshold. */
    PASSED,
    /** The observed value is outside the threshold. */
    FAILED,
    /**
     * Nothing to judge: no data, NaN (no requests), several series, or Prometheus did not answer.
     * Never taken as success; retried, and counted as a failure after the configured tries.
     */
    INCONCLUSIVE
}
