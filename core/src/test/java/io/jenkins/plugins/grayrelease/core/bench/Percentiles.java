package io.jenkins.plugins.grayrelease.core.bench;

import java.util.Arrays;

/** Nearest-rank percentiles (and the maximum) of durations in milliseconds. */
record Percentiles(double p50, double p99, double max, int samples) {

    static Percentiles ofNanos(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(rank(sorted, 50) / 1e6, rank(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    private static long rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
