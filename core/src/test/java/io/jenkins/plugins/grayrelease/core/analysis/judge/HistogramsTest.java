package io.jenkins.plugins.grayrelease.core.analysis.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HistogramsTest {
    private static final double[] BOUNDS = {10, 100, 1000, Double.POSITIVE_INFINITY};

    @Test
    void quantilesInterpolateWithinTheirBucketLikeHistogramQuantile() {
        long[] counts = {50, 40, 10, 0};
        assertThat(Histograms.quantile(BOUNDS, counts, 0.5)).isCloseTo(10, within(1e-9));
        assertThat(Histograms.quantile(BOUNDS, counts, 0.7)).isCloseTo(10 + 90 * 20 / 40.0, within(1e-9));
        assertThat(Histograms.quantile(BOUNDS, counts, 0.99)).isCloseTo(100 + 900 * 9 / 10.0, within(1e-9));
    }

    @Test
    void aQuantileInTheOpenBucketIsTheLastFiniteBoundAndNoRequestsGiveNaN() {
        assertThat(Histograms.quantile(BOUNDS, new long[] {0, 0, 1, 9}, 0.99)).isEqualTo(1000);
        assertThat(Histograms.quantile(BOUNDS, new long[] {0, 0, 0, 0}, 0.5)).isNaN();
    }
}
