package io.jenkins.plugins.grayrelease.core.analysis.judge;

/** Quantiles of a bucketed histogram, interpolated within the bucket as Prometheus' histogram_quantile does. */
public final class Histograms {
    private Histograms() {}

    /**
     * @param bounds upper bounds, ascending, the last +∞
     * @param counts requests per bucket (not cumulative)
     * @return NaN without requests; the last finite bound when the quantile falls in +∞
     */
    public static double quantile(double[] bounds, long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0 || bounds.length == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        long below = 0;
        for (int k = 0; k < counts.length; k++) {
            if (below + counts[k] >= rank && counts[k] > 0) {
                if (Double.isInfinite(bounds[k])) {
                    return k == 0 ? Double.NaN : bounds[k - 1];
                }
                double lo = k == 0 ? 0 : bounds[k - 1];
                return lo + (bounds[k] - lo) * (rank - below) / counts[k];
            }
            below += counts[k];
        }
        return bounds[bounds.length - 1];
    }
}
