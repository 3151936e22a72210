package io.jenkins.plugins.grayrelease.core.analysis.judge;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A seeded simulator of the two versions' request streams as Istio counts them: per tick, each
 * side's requests per latency bucket and its errors, as Poisson counts (Envoy's weighted routing
 * thins one Poisson stream of requests at random; a Poisson stream thinned by bucket or by outcome
 * gives independent Poisson counts). Latencies are log-normal.
 */
public final class RequestStreams {
    /** Istio's default request-duration buckets (ms), then +∞. */
    public static final double[] BOUNDS = {0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000,
        60000, 300000, 600000, 1800000, 3600000, Double.POSITIVE_INFINITY};

    /**
     * One version's behaviour.
     *
     * @param errorRate share of requests answered 5xx
     * @param medianMs median latency; {@code sigma} the standard deviation of its logarithm
     */
    public record Behaviour(double errorRate, double medianMs, double sigma) {
        /** This behaviour with every latency multiplied by {@code factor}. */
        public Behaviour slower(double factor) {
            return new Behaviour(errorRate, medianMs * factor, sigma);
        }

        public Behaviour withErrorRate(double rate) {
            return new Behaviour(rate, medianMs, sigma);
        }

        double[] bucketProbabilities() {
            NormalDistribution normal = NormalDistribution.of(Math.log(medianMs), sigma);
            double[] p = new double[BOUNDS.length];
            double below = 0;
            for (int k = 0; k < BOUNDS.length; k++) {
                double upTo = Double.isInfinite(BOUNDS[k]) ? 1 : normal.cumulativeProbability(Math.log(BOUNDS[k]));
                p[k] = Math.max(0, upTo - below);
                below = upTo;
            }
            return p;
        }

        /** The true 99th percentile, for the tables. */
        public double p99() {
            return medianMs * Math.exp(sigma * NormalDistribution.of(0, 1).inverseCumulativeProbability(0.99));
        }
    }

    private final Side canary;
    private final Side stable;

    /**
     * @param rps requests per second to the service
     * @param weightPercent the canary's share in %
     * @param tickSeconds length of one tick
     */
    public RequestStreams(UniformRandomProvider rng, double rps, double weightPercent, Behaviour stableBehaviour,
            Behaviour canaryBehaviour, double tickSeconds) {
        double canaryRps = rps * weightPercent / 100;
        this.canary = new Side(rng, canaryRps * tickSeconds, canaryBehaviour);
        this.stable = new Side(rng, (rps - canaryRps) * tickSeconds, stableBehaviour);
    }

    /** The next tick's counts: [0] canary, [1] stable. */
    public SideCounts[] tick() {
        return new SideCounts[] {canary.tick(), stable.tick()};
    }

    private static final class Side {
        private final SharedStateDiscreteSampler[] buckets;
        private final SharedStateDiscreteSampler errors;

        Side(UniformRandomProvider rng, double requestsPerTick, Behaviour b) {
            double[] p = b.bucketProbabilities();
            buckets = new SharedStateDiscreteSampler[p.length];
            for (int k = 0; k < p.length; k++) {
                buckets[k] = p[k] * requestsPerTick > 1e-9 ? PoissonSampler.of(rng, p[k] * requestsPerTick) : null;
            }
            errors = b.errorRate() * requestsPerTick > 1e-9 ? PoissonSampler.of(rng, b.errorRate() * requestsPerTick) : null;
        }

        SideCounts tick() {
            long[] counts = new long[buckets.length];
            long requests = 0;
            for (int k = 0; k < buckets.length; k++) {
                counts[k] = buckets[k] == null ? 0 : buckets[k].sample();
                requests += counts[k];
            }
            long failed = errors == null ? 0 : Math.min(requests, errors.sample());
            return new SideCounts(requests, failed, counts);
        }
    }
}
