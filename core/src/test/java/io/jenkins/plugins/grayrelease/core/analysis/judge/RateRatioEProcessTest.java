package io.jenkins.plugins.grayrelease.core.analysis.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class RateRatioEProcessTest {

    @Test
    void eValuesStayNonNegativeAndThePValueNeverRisesAcrossLooks() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        RateRatioEProcess test = new RateRatioEProcess(0.05, true);
        double previous = 1;
        for (int look = 0; look < 200; look++) {
            test.observe(rng.nextInt(50), rng.nextInt(3), 1 + rng.nextInt(500), rng.nextInt(10));
            assertThat(test.eValue()).isGreaterThanOrEqualTo(0);
            assertThat(test.pValue()).isBetween(0.0, previous);
            previous = test.pValue();
        }
    }

    /** Ville's inequality: with the canary as good as the stable, fewer than α of 40-look runs ever reject. */
    @Test
    void underNoDifferenceFewerThanAlphaOfRunsEverReject() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2L);
        int runs = 400;
        int rejected = 0;
        for (int run = 0; run < runs; run++) {
            RateRatioEProcess test = new RateRatioEProcess(0.05, false);
            for (int look = 0; look < 40; look++) {
                test.observe(300, PoissonSampler.of(rng, 3).sample(), 2700, PoissonSampler.of(rng, 27).sample());
            }
            rejected += test.pValue() < 0.05 ? 1 : 0;
        }
        assertThat(rejected / (double) runs).isLessThanOrEqualTo(0.05);
    }

    @Test
    void aFourfoldErrorRateIsRejectedAndItsConfidenceSequenceCoversFour() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
        RateRatioEProcess test = new RateRatioEProcess(0.05, true);
        for (int look = 0; look < 40; look++) {
            test.observe(1000, PoissonSampler.of(rng, 20).sample(), 9000, PoissonSampler.of(rng, 45).sample());
        }
        assertThat(test.pValue()).isLessThan(1e-6);
        assertThat(test.lower()).isLessThan(4).isGreaterThan(2);
        assertThat(test.upper()).isGreaterThan(4).isLessThan(8);
        assertThat(test.estimate()).isCloseTo(4, within(0.5));
    }

    @Test
    void theOneSidedTestNeverRejectsACanaryWithFewerErrors() {
        RateRatioEProcess test = new RateRatioEProcess(0.05, true);
        for (int look = 0; look < 40; look++) {
            test.observe(1000, 0, 1000, 20);
        }
        assertThat(test.pValue()).isEqualTo(1.0);
        assertThat(test.upper()).isLessThan(0.2);
    }

    /**
     * A known value: one interval with equal requests on both sides and all of 10 errors on the
     * canary has, for each ratio ρ, likelihood ratio (2ρ/(1+ρ))^10 against ρ = 1; the e-value is
     * their prior-weighted mean over the grid (computed here directly from that formula).
     */
    @Test
    void theEValueOfOneIntervalIsThePriorMeanOfTheBinomialLikelihoodRatios() {
        RateRatioEProcess test = new RateRatioEProcess(0.05, true);
        test.observe(100, 10, 100, 0);
        double sum = 0;
        double weights = 0;
        for (int j = RateRatioEProcess.HALF + 1; j <= 2 * RateRatioEProcess.HALF; j++) {
            double logRho = (j - RateRatioEProcess.HALF) * RateRatioEProcess.STEP;
            double w = Math.exp(-0.5 * logRho * logRho);
            double rho = Math.exp(logRho);
            sum += w * Math.pow(2 * rho / (1 + rho), 10);
            weights += w;
        }
        assertThat(test.eValue()).isCloseTo(sum / weights, within(1e-9 * sum / weights));
    }
}
