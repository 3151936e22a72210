package io.jenkins.plugins.grayrelease.core.analysis.judge;

import java.util.ArrayList;
import java.util.List;

/**
 * Anytime-valid test that the canary's latency distribution equals the stable's, from histogram
 * bucket counts (the bucketed count-data approach of Lindon, Sanden &amp; Shirikian, KDD 2022),
 * with a confidence sequence for the shift.
 *
 * <p>Istio's weighted routing picks each request's side at random, independently of how long it
 * will take; so if the two distributions are equal, a request in bucket k is the canary's with
 * the same probability π in every bucket (π is the share of the weight step, unknown). The test
 * is a universal-inference e-process (Wasserman, Ramdas &amp; Balakrishnan 2020): its numerator
 * predicts each interval's sides from the past only (per bucket: π times the ratio of the two
 * sides' smoothed bucket distributions so far — the Dirichlet-multinomial predictive of Lindon &amp;
 * Malek 2022), its denominator is the best likelihood any π (one per weight step) gives under
 * "no difference". Under no difference it is at most a test martingale, so Ville's inequality
 * holds at every look.
 *
 * <p>The shift: under "the canary's log latency is the stable's moved by δ" (log-normal
 * latencies), a bucket's odds of being the canary's tilt by β per unit of log latency, β = δ/σ².
 * The confidence sequence is every β whose own universal-inference e-value stayed below 1/α; it is
 * reported as a relative shift {@code exp(βσ²) − 1}, σ² from the stable's histogram — exact for the
 * tilt, approximate as a percentage when latencies are not log-normal.
 */
public final class LatencyEProcess {
    static final int HALF = 60;
    static final double STEP = 0.1;
    /** Canary requests after which the predicted bucket ratios count fully; earlier they are shrunk towards 1. */
    static final double SHRINK = 200;

    private final double logLevel;
    private double[] centres;
    private long[] canaryTotal;
    private long[] stableTotal;
    private final List<long[][]> steps = new ArrayList<>(); // per weight step: [0] canary, [1] both, per bucket
    private final boolean[] excluded = new boolean[2 * HALF + 1];
    private final double[] logDenominator = new double[2 * HALF + 1];
    private double logNumerator;
    private double logEValue;
    private double pValue = 1;
    private int looks;
    private int currentStep = -1;

    public LatencyEProcess(double alpha) {
        this.logLevel = Math.log(1 / alpha);
    }

    static double tilt(int j) {
        return (j - HALF) * STEP;
    }

    /**
     * @param upperBounds the buckets' upper bounds in ms, ascending, the last +∞ (Prometheus' {@code le})
     * @param step weight step of the interval; a new number starts a new unknown share
     * @param expectedShare the written weight as a fraction, the guess for a new step's first interval
     * @param canary new requests per bucket (not cumulative)
     * @param stable same for the stable
     */
    public void observe(double[] upperBounds, int step, double expectedShare, long[] canary, long[] stable) {
        looks++;
        if (centres == null) {
            centres = centres(upperBounds);
            canaryTotal = new long[centres.length];
            stableTotal = new long[centres.length];
        }
        if (step != currentStep) {
            currentStep = step;
            steps.add(new long[2][centres.length]);
        }
        long[][] counts = steps.get(steps.size() - 1);
        logNumerator += logPredicted(counts, expectedShare, canary, stable);
        for (int k = 0; k < centres.length; k++) {
            counts[0][k] += canary[k];
            counts[1][k] += canary[k] + stable[k];
            canaryTotal[k] += canary[k];
            stableTotal[k] += stable[k];
        }
        for (int j = 0; j < excluded.length; j++) {
            double denominator = 0;
            for (long[][] s : steps) {
                denominator += maxLogLikelihood(s, tilt(j));
            }
            logDenominator[j] = denominator;
            if (logNumerator - denominator >= logLevel) {
                excluded[j] = true;
            }
        }
        logEValue = logNumerator - logDenominator[HALF];
        pValue = Math.min(pValue, Math.min(1, Math.exp(-logEValue)));
    }

    /** Log-probability the past gave to this interval's sides, bucket by bucket. */
    private double logPredicted(long[][] stepCounts, double expectedShare, long[] canary, long[] stable) {
        long stepCanary = sum(stepCounts[0]);
        long stepAll = sum(stepCounts[1]);
        double share = stepAll > 0 ? (stepCanary + 0.5) / (stepAll + 1.0) : Math.min(0.999, Math.max(0.001, expectedShare));
        double intercept = Math.log(share / (1 - share));
        long c = sum(canaryTotal);
        long s = sum(stableTotal);
        double weight = c / (c + SHRINK);
        int buckets = centres.length;
        double total = 0;
        for (int k = 0; k < buckets; k++) {
            if (canary[k] + stable[k] == 0) {
                continue;
            }
            double ratio = Math.log((canaryTotal[k] + 0.5) / (c + 0.5 * buckets))
                    - Math.log((stableTotal[k] + 0.5) / (s + 0.5 * buckets));
            double p = sigmoid(intercept + weight * ratio);
            total += canary[k] * Math.log(p) + stable[k] * Math.log1p(-p);
        }
        return total;
    }

    /** max over a of Σₖ cₖ(a + βzₖ) − nₖ log(1 + e^(a + βzₖ)): concave in a, solved by Newton's method. */
    private double maxLogLikelihood(long[][] s, double beta) {
        long c = sum(s[0]);
        long n = sum(s[1]);
        if (c == 0 || c == n) {
            return 0;
        }
        double mean = 0;
        for (int k = 0; k < centres.length; k++) {
            mean += s[1][k] * centres[k];
        }
        double a = Math.log(c / (double) (n - c)) - beta * mean / n;
        for (int iteration = 0; iteration < 30; iteration++) {
            double gradient = c;
            double curvature = 0;
            for (int k = 0; k < centres.length; k++) {
                if (s[1][k] > 0) {
                    double p = sigmoid(a + beta * centres[k]);
                    gradient -= s[1][k] * p;
                    curvature += s[1][k] * p * (1 - p);
                }
            }
            double move = Math.max(-5, Math.min(5, gradient / Math.max(curvature, 1e-12)));
            a += move;
            if (Math.abs(move) < 1e-9) {
                break;
            }
        }
        double value = 0;
        for (int k = 0; k < centres.length; k++) {
            if (s[1][k] > 0) {
                double x = a + beta * centres[k];
                value += s[0][k] * x - s[1][k] * softplus(x);
            }
        }
        return value;
    }

    /** Log of each bucket's middle (geometric), the first from half its bound, +∞ at twice the last finite one. */
    static double[] centres(double[] upperBounds) {
        double[] z = new double[upperBounds.length];
        for (int k = 0; k < upperBounds.length; k++) {
            double hi = upperBounds[k];
            if (k == 0) {
                z[k] = Math.log(hi / 2);
            } else if (Double.isInfinite(hi)) {
                z[k] = Math.log(upperBounds[k - 1] * 2);
            } else {
                z[k] = 0.5 * (Math.log(upperBounds[k - 1]) + Math.log(hi));
            }
        }
        return z;
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }

    public double pValue() {
        return pValue;
    }

    public double eValue() {
        return Math.exp(logEValue);
    }

    /** Variance of log latency in the stable's histogram: converts a tilt into a shift. */
    private double stableLogVariance() {
        long n = sum(stableTotal);
        if (n == 0) {
            return Double.NaN;
        }
        double mean = 0;
        for (int k = 0; k < centres.length; k++) {
            mean += stableTotal[k] * centres[k] / n;
        }
        double variance = 0;
        for (int k = 0; k < centres.length; k++) {
            variance += stableTotal[k] * Math.pow(centres[k] - mean, 2) / n;
        }
        return variance;
    }

    private double shift(double beta) {
        return Math.exp(beta * stableLogVariance()) - 1;
    }

    /** The relative shift with the highest likelihood under the tilt (0.2 = the canary 20 % slower). */
    public double estimate() {
        if (looks == 0 || steps.isEmpty()) {
            return 0;
        }
        int best = HALF;
        for (int j = 0; j < logDenominator.length; j++) {
            if (logDenominator[j] > logDenominator[best]) {
                best = j;
            }
        }
        return shift(tilt(best));
    }

    /** Lower end of the confidence sequence for the shift (the excluded grid point below it: conservative). */
    public double lower() {
        for (int j = 0; j < excluded.length; j++) {
            if (!excluded[j]) {
                return j == 0 ? -1 : shift(tilt(j - 1));
            }
        }
        return Double.NaN;
    }

    /** Upper end (the excluded grid point above it); +∞ while the grid's top is not excluded. */
    public double upper() {
        for (int j = excluded.length - 1; j >= 0; j--) {
            if (!excluded[j]) {
                return j == excluded.length - 1 ? Double.POSITIVE_INFINITY : shift(tilt(j + 1));
            }
        }
        return Double.NaN;
    }

    public int looks() {
        return looks;
    }

    /** Cumulative bucket counts of the canary (not cumulative over buckets). */
    public long[] canaryBuckets() {
        return canaryTotal == null ? new long[0] : canaryTotal.clone();
    }

    public long[] stableBuckets() {
        return stableTotal == null ? new long[0] : stableTotal.clone();
    }
}
