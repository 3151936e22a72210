package io.jenkins.plugins.grayrelease.core.analysis.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class TrafficShareEProcessTest {

    /**
     * The textbook value: under a uniform prior (weight 50 %, prior strength 2 = Beta(1, 1)), n
     * canary requests out of n give the Bayes factor ∫p^n dp / 0.5^n = 2^n / (n + 1).
     */
    @Test
    void theBayesFactorMatchesTheUniformPriorClosedForm() {
        assertThat(TrafficShareEProcess.logBayesFactor(0.5, 10, 0, 0.5)).isCloseTo(Math.log(1024.0 / 11), within(1e-12));
    }

    /**
     * Lindon &amp; Malek's Dirichlet-multinomial Bayes factor, Γ(Σα)/Γ(Σα+n) · Πᵢ Γ(αᵢ+nᵢ)/Γ(αᵢ) / Πᵢ θᵢ^nᵢ,
     * written out with log-Gamma for two categories (canary, stable), is what the test computes.
     */
    @Test
    void theBayesFactorIsTheDirichletMultinomialOneWithTwoCategories() {
        double a = TrafficShareEProcess.PRIOR_STRENGTH * 0.1;
        double b = TrafficShareEProcess.PRIOR_STRENGTH * 0.9;
        double expected = LogGamma.value(a + b) - LogGamma.value(a + b + 300) + LogGamma.value(a + 37) - LogGamma.value(a)
                + LogGamma.value(b + 263) - LogGamma.value(b) - 37 * Math.log(0.1) - 263 * Math.log(0.9);
        assertThat(TrafficShareEProcess.logBayesFactor(0.1, 37, 263, 0.1)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void aCanaryGettingAFifthOfItsWeightFailsWithinAFewIntervals() {
        TrafficShareEProcess test = new TrafficShareEProcess(0.05);
        int looks = 0;
        while (test.pValue() >= 0.05 && looks < 10) {
            test.observe(0.10, 60, 2940); // 2 % of 3,000 requests per interval at weight 10 %
            looks++;
        }
        assertThat(looks).isLessThanOrEqualTo(2);
        assertThat(test.upper()).isLessThan(0.05);
    }

    @Test
    void underTheWrittenShareFewerThanAlphaOfRunsEverReject() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(4L);
        int runs = 400;
        int rejected = 0;
        for (int run = 0; run < runs; run++) {
            TrafficShareEProcess test = new TrafficShareEProcess(0.05);
            for (int look = 0; look < 40; look++) {
                int canary = 0;
                for (int i = 0; i < 300; i++) {
                    canary += rng.nextDouble() < 0.1 ? 1 : 0;
                }
                test.observe(0.10, canary, 300 - canary);
            }
            rejected += test.pValue() < 0.05 ? 1 : 0;
        }
        assertThat(rejected / (double) runs).isLessThanOrEqualTo(0.05);
    }

    @Test
    void aNewWeightStartsANewStepWhoseIntervalCoversTheNewShare() {
        TrafficShareEProcess test = new TrafficShareEProcess(0.05);
        test.observe(0.10, 100, 900);
        test.observe(0.50, 500, 500);
        test.observe(0.50, 510, 490);
        assertThat(test.weight()).isEqualTo(0.5);
        assertThat(test.lower()).isLessThan(0.5);
        assertThat(test.upper()).isGreaterThan(0.5);
        assertThat(test.pValue()).isGreaterThan(0.05);
    }
}
