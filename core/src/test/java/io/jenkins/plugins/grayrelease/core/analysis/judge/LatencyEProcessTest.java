package io.jenkins.plugins.grayrelease.core.analysis.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.grayrelease.core.analysis.judge.RequestStreams.Behaviour;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class LatencyEProcessTest {
    private static final Behaviour STABLE = new Behaviour(0, 50, 0.6);

    private static LatencyEProcess run(UniformRandomProvider rng, Behaviour canary, int looks) {
        RequestStreams streams = new RequestStreams(rng, 100, 10, STABLE, canary, 30);
        LatencyEProcess test = new LatencyEProcess(0.05);
        for (int look = 0; look < looks; look++) {
            SideCounts[] tick = streams.tick();
            test.observe(RequestStreams.BOUNDS, 0, 0.1, tick[0].buckets(), tick[1].buckets());
        }
        return test;
    }

    @Test
    void underEqualLatenciesFewerThanAlphaOfRunsEverRejectAndThePValueNeverRises() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        int runs = 200;
        int rejected = 0;
        for (int run = 0; run < runs; run++) {
            RequestStreams streams = new RequestStreams(rng, 100, 10, STABLE, STABLE, 30);
            LatencyEProcess test = new LatencyEProcess(0.05);
            double previous = 1;
            for (int look = 0; look < 40; look++) {
                SideCounts[] tick = streams.tick();
                test.observe(RequestStreams.BOUNDS, 0, 0.1, tick[0].buckets(), tick[1].buckets());
                assertThat(test.eValue()).isGreaterThanOrEqualTo(0);
                assertThat(test.pValue()).isLessThanOrEqualTo(previous);
                previous = test.pValue();
            }
            rejected += test.pValue() < 0.05 ? 1 : 0;
        }
        assertThat(rejected / (double) runs).isLessThanOrEqualTo(0.05);
    }

    @Test
    void aCanaryTwentyPercentSlowerIsRejectedWithAShiftIntervalAroundTwentyPercent() {
        LatencyEProcess test = run(RandomSource.XO_RO_SHI_RO_128_PP.create(6L), STABLE.slower(1.2), 10);
        assertThat(test.pValue()).isLessThan(1e-4);
        assertThat(test.estimate()).isBetween(0.1, 0.3);
        assertThat(test.lower()).isBetween(0.0, 0.2);
        assertThat(test.upper()).isBetween(0.2, 0.5);
    }

    @Test
    void anEqualCanaryIsShownWithinTenPercentAfterTwentyMinutes() {
        LatencyEProcess test = run(RandomSource.XO_RO_SHI_RO_128_PP.create(7L), STABLE, 40);
        assertThat(test.lower()).isLessThan(0);
        assertThat(test.upper()).isBetween(0.0, 0.1);
    }

    @Test
    void bucketCentresAreGeometricMiddlesWithTheOpenEndsExtended() {
        double[] z = LatencyEProcess.centres(new double[] {10, 40, Double.POSITIVE_INFINITY});
        assertThat(z[0]).isCloseTo(Math.log(5), within(1e-12));
        assertThat(z[1]).isCloseTo(Math.log(20), within(1e-12));
        assertThat(z[2]).isCloseTo(Math.log(80), within(1e-12));
    }
}
