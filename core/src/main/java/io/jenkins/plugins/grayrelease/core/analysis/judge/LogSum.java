package io.jenkins.plugins.grayrelease.core.analysis.judge;

/** {@code log(Σ exp(xᵢ))} without overflow: the e-values are mixtures of likelihoods far outside double's range. */
final class LogSum {
    private LogSum() {}

    /** Over the indices where {@code weights} is finite; {@code -∞} when there are none. */
    static double of(double[] logWeights, double[] logValues) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logValues.length; i++) {
            double v = logWeights[i] + logValues[i];
            if (v > max) {
                max = v;
            }
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (int i = 0; i < logValues.length; i++) {
            double v = logWeights[i] + logValues[i];
            if (v > Double.NEGATIVE_INFINITY) {
                sum += Math.exp(v - max);
            }
        }
        return max + Math.log(sum);
    }
}
