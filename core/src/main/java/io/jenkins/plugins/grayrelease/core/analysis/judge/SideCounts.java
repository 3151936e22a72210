package io.jenkins.plugins.grayrelease.core.analysis.judge;

/**
 * One side's requests in an interval (or cumulative, as the counters read).
 *
 * @param buckets requests per latency bucket (not cumulative over buckets), in the order of the
 *     interval's bounds; empty when latency is not compared
 */
public record SideCounts(long requests, long errors, long[] buckets) {
    public SideCounts {
        buckets = buckets == null ? new long[0] : buckets.clone();
    }

    @Override
    public long[] buckets() {
        return buckets.clone();
    }

    /** {@code this − earlier}; null when a counter went down (a restarted proxy reset it). */
    public SideCounts minus(SideCounts earlier) {
        long[] b = new long[buckets.length];
        if (earlier.buckets.length != buckets.length) {
            return null;
        }
        for (int k = 0; k < b.length; k++) {
            b[k] = buckets[k] - earlier.buckets[k];
            if (b[k] < 0) {
                return null;
            }
        }
        long r = requests - earlier.requests;
        long e = errors - earlier.errors;
        return r < 0 || e < 0 ? null : new SideCounts(r, e, b);
    }
}
