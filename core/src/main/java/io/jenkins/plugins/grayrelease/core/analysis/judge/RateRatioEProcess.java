package io.jenkins.plugins.grayrelease.core.analysis.judge;

/**
 * Anytime-valid test that the canary's rate of events per request (errors) is not higher than
 * the stable's, with a confidence sequence for the ratio ρ of the two rates.
 *
 * <p>Model: each side's events form a Poisson process whose intensity is its request count times
 * its rate. Given an interval's events, each one is the canary's with probability
 * {@code ρπ / (ρπ + 1 − π)}, π the canary's share of that interval's requests; the stable's own
 * rate drops out, so it may drift over time. The product of these binomial likelihood ratios
 * against ρ = 1 is a test martingale under ρ = 1, and a supermartingale under ρ &lt; 1 for the
 * one-sided alternative (the family has a monotone likelihood ratio). With binomial instead of
 * Poisson counts the split is hypergeometric, whose exponential moments are smaller (Hoeffding's
 * convex order for sampling without replacement), so it stays a supermartingale. A mixture of the
 * ratios over a grid of ρ (normal prior on log ρ, the mixture-martingale of Lindon &amp; Malek's
 * count-data tests) is an e-process: by Ville's inequality it exceeds 1/α with probability at
 * most α however often it is looked at. The confidence sequence is every ρ₀ whose own mixture
 * ratio stayed below 1/α, intersected over time.
 */
public final class RateRatioEProcess {
    /** log ρ from −4 to 4 (ρ from 1/55 to 55) in steps of 0.05. */
    static final int HALF = 80;
    static final double STEP = 0.05;
    static final double PRIOR_SD = 1.0;

    private final boolean oneSided;
    private final double logLevel;
    private final double[] logLikelihood = new double[2 * HALF + 1];
    private final double[] logPriorBoth = new double[2 * HALF + 1];
    private final double[] logPriorUp = new double[2 * HALF + 1];
    private final boolean[] excluded = new boolean[2 * HALF + 1];
    private double pValue = 1;
    private double logEValue;
    private int looks;
    private long canaryRequests;
    private long canaryEvents;
    private long stableRequests;
    private long stableEvents;

    /**
     * @param alpha level of the confidence sequence
     * @param oneSided true: the alternative is "the canary's rate is higher"; false: "different"
     */
    public RateRatioEProcess(double alpha, boolean oneSided) {
        this.oneSided = oneSided;
        this.logLevel = Math.log(1 / alpha);
        double both = 0;
        double up = 0;
        for (int j = 0; j < logLikelihood.length; j++) {
            double w = Math.exp(-0.5 * Math.pow(logRatio(j) / PRIOR_SD, 2));
            both += w;
            up += j > HALF ? w : 0;
        }
        for (int j = 0; j < logLikelihood.length; j++) {
            double w = Math.exp(-0.5 * Math.pow(logRatio(j) / PRIOR_SD, 2));
            logPriorBoth[j] = Math.log(w / both);
            logPriorUp[j] = j > HALF ? Math.log(w / up) : Double.NEGATIVE_INFINITY;
        }
    }

    static double logRatio(int j) {
        return (j - HALF) * STEP;
    }

    /** One interval's new requests and events on each side (differences of the counters). */
    public void observe(long canaryNewRequests, long canaryNewEvents, long stableNewRequests, long stableNewEvents) {
        looks++;
        canaryRequests += canaryNewRequests;
        canaryEvents += canaryNewEvents;
        stableRequests += stableNewRequests;
        stableEvents += stableNewEvents;
        if (canaryNewRequests > 0 && stableNewRequests > 0 && canaryNewEvents + stableNewEvents > 0) {
            double share = canaryNewRequests / (double) (canaryNewRequests + stableNewRequests);
            for (int j = 0; j < logLikelihood.length; j++) {
                double rho = Math.exp(logRatio(j));
                double p = rho * share / (rho * share + 1 - share);
                logLikelihood[j] += term(canaryNewEvents, p) + term(stableNewEvents, 1 - p);
            }
        }
        logEValue = LogSum.of(oneSided ? logPriorUp : logPriorBoth, logLikelihood) - logLikelihood[HALF];
        pValue = Math.min(pValue, Math.min(1, Math.exp(-logEValue)));
        double logMixture = LogSum.of(logPriorBoth, logLikelihood);
        for (int j = 0; j < logLikelihood.length; j++) {
            if (logMixture - logLikelihood[j] >= logLevel) {
                excluded[j] = true;
            }
        }
    }

    private static double term(long count, double p) {
        return count == 0 ? 0 : count * Math.log(p);
    }

    /** The running minimum of 1/e-value: an anytime-valid p-value for "no higher rate" (or "same rate"). */
    public double pValue() {
        return pValue;
    }

    /** The e-value now (not its running maximum). */
    public double eValue() {
        return Math.exp(logEValue);
    }

    /** The ratio with the highest likelihood so far (1 before any event). */
    public double estimate() {
        int best = HALF;
        for (int j = 0; j < logLikelihood.length; j++) {
            if (logLikelihood[j] > logLikelihood[best]) {
                best = j;
            }
        }
        return Math.exp(logRatio(best));
    }

    /**
     * Lower end of the confidence sequence for the ratio: the highest excluded grid point below
     * the ratios still in it (conservative by one grid step); NaN when it is empty (the model does not fit).
     */
    public double lower() {
        for (int j = 0; j < excluded.length; j++) {
            if (!excluded[j]) {
                return j == 0 ? 0 : Math.exp(logRatio(j - 1));
            }
        }
        return Double.NaN;
    }

    /** Upper end of the confidence sequence (likewise); +∞ while the grid's top is not excluded. */
    public double upper() {
        for (int j = excluded.length - 1; j >= 0; j--) {
            if (!excluded[j]) {
                return j == excluded.length - 1 ? Double.POSITIVE_INFINITY : Math.exp(logRatio(j + 1));
            }
        }
        return Double.NaN;
    }

    public int looks() {
        return looks;
    }

    public long canaryRequests() {
        return canaryRequests;
    }

    public long canaryEvents() {
        return canaryEvents;
    }

    public long stableRequests() {
        return stableRequests;
    }

    public long stableEvents() {
        return stableEvents;
    }
}
