package io.jenkins.plugins.grayrelease.core.analysis.judge;

import org.apache.commons.numbers.gamma.LogBeta;

/**
 * Anytime-valid sample-ratio check: does the canary get the share of requests the engine wrote?
 * Istio's weighted routing sends each request to the canary independently with probability
 * weight/100, so within one weight step the canary's requests are binomial in that share. The
 * e-value of a step is the Beta-binomial Bayes factor (a Beta prior centred on the weight) against
 * the written share; steps multiply, each a martingale from its start. The confidence sequence
 * is for the current step's true share.
 */
public final class TrafficShareEProcess {
    /** Prior strength (a + b of the Beta prior): weak, so a far-off share is found within a few intervals. */
    static final double PRIOR_STRENGTH = 2;
    private static final int GRID = 1000;

    private final double logLevel;
    private double logClosedSteps;
    private double logEValue;
    private double pValue = 1;
    private int looks;
    private double weight = Double.NaN;
    private long canary;
    private long stable;
    private final boolean[] excluded = new boolean[GRID];

    public TrafficShareEProcess(double alpha) {
        this.logLevel = Math.log(1 / alpha);
    }

    /**
     * @param writtenShare the canary's weight as a fraction; intervals at 0 or 1 are not tested
     *     (nothing to compare), a different value than before starts a new step
     */
    public void observe(double writtenShare, long canaryNewRequests, long stableNewRequests) {
        looks++;
        if (!(writtenShare > 0 && writtenShare < 1)) {
            return;
        }
        if (writtenShare != weight) {
            logClosedSteps += Double.isNaN(weight) ? 0 : logBayesFactor(weight, canary, stable, weight);
            weight = writtenShare;
            canary = 0;
            stable = 0;
            java.util.Arrays.fill(excluded, false);
        }
        canary += canaryNewRequests;
        stable += stableNewRequests;
        logEValue = logClosedSteps + logBayesFactor(weight, canary, stable, weight);
        pValue = Math.min(pValue, Math.min(1, Math.exp(-logEValue)));
        double logMixture = logBayesFactor(weight, canary, stable, 0.5) - (canary + stable) * Math.log(2);
        for (int i = 0; i < GRID; i++) {
            double logAgainst = logMixture - canary * Math.log(share(i)) - stable * Math.log1p(-share(i));
            if (!excluded[i] && logAgainst >= logLevel) {
                excluded[i] = true;
            }
        }
    }

    private static double share(int i) {
        return (i + 0.5) / GRID;
    }

    /** Beta(κw, κ(1−w)) mixture of binomial likelihoods against the share {@code nullShare}. */
    static double logBayesFactor(double priorCentre, long canary, long stable, double nullShare) {
        double a = PRIOR_STRENGTH * priorCentre;
        double b = PRIOR_STRENGTH * (1 - priorCentre);
        return LogBeta.value(a + canary, b + stable) - LogBeta.value(a, b)
                - canary * Math.log(nullShare) - stable * Math.log1p(-nullShare);
    }

    public double pValue() {
        return pValue;
    }

    public double eValue() {
        return Math.exp(logEValue);
    }

    /** The canary's observed share of the current step's requests (NaN before any). */
    public double share() {
        return canary + stable == 0 ? Double.NaN : canary / (double) (canary + stable);
    }

    /** The written share of the current step (NaN before any tested interval). */
    public double weight() {
        return weight;
    }

    /** Lower end of the confidence sequence for the share (the excluded grid point below: conservative). */
    public double lower() {
        for (int i = 0; i < GRID; i++) {
            if (!excluded[i]) {
                return i == 0 ? 0 : share(i - 1);
            }
        }
        return Double.NaN;
    }

    public double upper() {
        for (int i = GRID - 1; i >= 0; i--) {
            if (!excluded[i]) {
                return i == GRID - 1 ? 1 : share(i + 1);
            }
        }
        return Double.NaN;
    }

    public int looks() {
        return looks;
    }

    public long canaryRequests() {
        return canary;
    }

    public long stableRequests() {
        return stable;
    }
}
