package io.jenkins.plugins.grayrelease.core.analysis.judge;

import io.jenkins.plugins.grayrelease.core.support.Counted;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison.SideSummary;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison.State;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The judge's decisions from counts alone (no Prometheus): fed one interval at a time, it keeps
 * the sequential tests of each check and words their state. The runner feeds it from Prometheus,
 * the benchmark from its simulator — the same decisions in both.
 */
public final class Judgement {
    /** Looks kept for the chart: two hours at 30 s. */
    static final int HISTORY = 240;

    /**
     * One interval's new requests.
     *
     * @param weightPercent the canary's weight during the interval, NaN when unknown
     * @param weightChanged the weight changed during the interval (or just before it, while the
     *     proxies and the metrics caught up): its requests mix two splits and are not used
     * @param bounds latency bucket upper bounds in ms (last +∞); empty when latency is not compared
     */
    public record Interval(Instant end, double weightPercent, boolean weightChanged, double[] bounds,
            SideCounts canary, SideCounts stable) {}

    private final JudgeSpec spec;
    private final RateRatioEProcess errors;
    private final LatencyEProcess latency;
    private final TrafficShareEProcess split;
    private final Map<Check, ArrayDeque<EvidencePoint>> history = new EnumMap<>(Check.class);
    private double[] bounds = new double[0];
    private double stepWeight = Double.NaN;
    private int step;
    private int looks;
    private int skipped;
    private long canaryRequests;

    public Judgement(JudgeSpec spec) {
        this.spec = spec;
        double a = spec.alphaPerCheck();
        this.errors = new RateRatioEProcess(a, spec.direction() == Direction.WORSE);
        this.latency = new LatencyEProcess(a);
        this.split = new TrafficShareEProcess(a);
        for (Check c : spec.checks()) {
            history.put(c, new ArrayDeque<>());
        }
    }

    public JudgeSpec spec() {
        return spec;
    }

    /**
     * @param queries per check, the PromQL that produced the counts (for the evidence)
     * @return one comparison per check of the spec, in the spec's order
     */
    public List<Comparison> observe(Interval interval, Map<Check, List<String>> queries) {
        looks++;
        if (interval.weightChanged()) {
            skipped++;
        } else {
            feed(interval);
        }
        return state(interval.end(), interval.weightPercent(), queries, "");
    }

    /**
     * The comparisons as they stand, without a new interval (e.g. at the first look, which only
     * reads the counters).
     *
     * @param note appended to every sentence; empty for none
     */
    public List<Comparison> state(Instant at, double weightPercent, Map<Check, List<String>> queries, String note) {
        String suffix = note.isEmpty() ? "" : "; " + note;
        List<Comparison> out = new ArrayList<>();
        for (Check c : spec.checks()) {
            List<String> q = queries.getOrDefault(c, List.of());
            Comparison comparison = switch (c) {
                case ERRORS -> errors(at, weightPercent, q, suffix);
                case LATENCY -> latency(at, weightPercent, q, suffix);
                case TRAFFIC_SPLIT -> split(at, weightPercent, q, suffix);
            };
            out.add(comparison);
        }
        return out;
    }

    private void feed(Interval i) {
        SideCounts canary = i.canary();
        SideCounts stable = i.stable();
        canaryRequests += canary.requests();
        if (spec.checks().contains(Check.ERRORS)) {
            errors.observe(canary.requests(), canary.errors(), stable.requests(), stable.errors());
        }
        double weight = i.weightPercent();
        if (!Double.isNaN(weight) && weight != stepWeight) {
            if (!Double.isNaN(stepWeight)) {
                step++;
            }
            stepWeight = weight;
        }
        if (spec.checks().contains(Check.LATENCY) && i.bounds().length > 0
                && canary.buckets().length == i.bounds().length && stable.buckets().length == i.bounds().length) {
            bounds = i.bounds().clone();
            latency.observe(bounds, step, Double.isNaN(weight) ? 0.5 : weight / 100, canary.buckets(), stable.buckets());
        }
        if (spec.checks().contains(Check.TRAFFIC_SPLIT) && !Double.isNaN(weight)) {
            split.observe(weight / 100, canary.requests(), stable.requests());
        }
    }

    /** True when a comparison failed: the analysis fails now. */
    public static boolean failed(List<Comparison> comparisons) {
        return comparisons.stream().anyMatch(c -> c.state() == State.FAILED);
    }

    /**
     * True when every compared error rate and latency is shown within its tolerance (the traffic
     * split only has to not fail): the analysis may pass before its end.
     */
    public static boolean cleared(List<Comparison> comparisons) {
        return !comparisons.isEmpty() && !failed(comparisons) && comparisons.stream()
                .allMatch(c -> c.check() == Check.TRAFFIC_SPLIT || c.state() == State.PASSED);
    }

    /** Canary requests in the intervals used so far. */
    public long canaryRequests() {
        return canaryRequests;
    }

    public int looks() {
        return looks;
    }

    private Comparison errors(Instant at, double weight, List<String> queries, String note) {
        double alpha = spec.alphaPerCheck();
        long cr = errors.canaryRequests();
        long sr = errors.stableRequests();
        double canaryRate = percent(errors.canaryEvents(), cr);
        double stableRate = percent(errors.stableEvents(), sr);
        double est = errors.estimate();
        double lo = errors.lower();
        double hi = errors.upper();
        double p = errors.pValue();
        double tolerance = 1 + spec.errorTolerance();
        State state;
        String sentence;
        String numbers = "error rate canary " + Words.percent(canaryRate) + " (" + errors.canaryEvents() + "/" + cr
                + "), stable " + Words.percent(stableRate) + " (" + errors.stableEvents() + "/" + sr + "); ratio "
                + Words.number(est) + ", " + Words.level(alpha) + " confidence sequence " + Words.range(lo, hi)
                + "; p = " + Words.p(p) + ", α " + Words.p(alpha) + ", " + Words.looks(looks);
        if (cr < spec.minRequests()) {
            state = State.WAITING;
            sentence = "waiting for data: " + cr + " of " + spec.minRequests() + " canary requests; " + numbers;
        } else if (p < alpha && (spec.direction() == Direction.EITHER || est > 1)) {
            state = State.FAILED;
            sentence = "the canary's error rate is " + (est > 1 ? "higher" : "lower") + " than the stable's; " + numbers;
        } else if (hi < tolerance) {
            state = State.PASSED;
            sentence = "the canary's error rate is shown below " + Words.number(tolerance) + "× the stable's; " + numbers;
        } else {
            state = State.WATCHING;
            sentence = "no difference shown yet; " + numbers;
        }
        point(Check.ERRORS, new EvidencePoint(at, canaryRate, stableRate, stableRate * lo,
                Double.isInfinite(hi) ? Double.NaN : stableRate * hi, weight));
        return new Comparison(Check.ERRORS, state, queries,
                new SideSummary(cr, errors.canaryEvents(), canaryRate, Double.NaN, Double.NaN, Double.NaN),
                new SideSummary(sr, errors.stableEvents(), stableRate, Double.NaN, Double.NaN, Double.NaN),
                "error rate ratio canary/stable", est, lo, hi, tolerance, p, alpha, errors.looks(),
                sentence + skippedNote() + note, history(Check.ERRORS));
    }

    private Comparison latency(Instant at, double weight, List<String> queries, String note) {
        double alpha = spec.alphaPerCheck();
        long[] c = latency.canaryBuckets();
        long[] s = latency.stableBuckets();
        long cr = sum(c);
        long sr = sum(s);
        double c50 = Histograms.quantile(bounds, c, 0.5);
        double c99 = Histograms.quantile(bounds, c, 0.99);
        double s50 = Histograms.quantile(bounds, s, 0.5);
        double s99 = Histograms.quantile(bounds, s, 0.99);
        double est = latency.estimate();
        double lo = latency.lower();
        double hi = latency.upper();
        double p = latency.pValue();
        String numbers = "p50 canary " + Words.ms(c50) + ", stable " + Words.ms(s50) + "; p99 canary " + Words.ms(c99)
                + ", stable " + Words.ms(s99) + " (" + cr + " and " + sr + " requests); shift " + Words.signedPercent(est)
                + ", " + Words.level(alpha) + " confidence sequence " + Words.percentRange(lo, hi) + "; p = " + Words.p(p)
                + ", α " + Words.p(alpha) + ", " + Words.looks(looks);
        State state;
        String sentence;
        if (cr < spec.minRequests()) {
            state = State.WAITING;
            sentence = "waiting for data: " + cr + " of " + spec.minRequests() + " canary requests; " + numbers;
        } else if (p < alpha && (spec.direction() == Direction.EITHER || est > 0)) {
            state = State.FAILED;
            sentence = "the canary is " + (est > 0 ? "slower" : "faster") + " than the stable; " + numbers;
        } else if (hi < spec.latencyTolerance()) {
            state = State.PASSED;
            sentence = "the canary is shown less than " + Words.signedPercent(spec.latencyTolerance()) + " slower; " + numbers;
        } else {
            state = State.WATCHING;
            sentence = "no difference shown yet; " + numbers;
        }
        point(Check.LATENCY, new EvidencePoint(at, c99, s99, s99 * (1 + lo),
                Double.isInfinite(hi) ? Double.NaN : s99 * (1 + hi), weight));
        return new Comparison(Check.LATENCY, state, queries,
                new SideSummary(cr, 0, Double.NaN, c50, c99, Double.NaN),
                new SideSummary(sr, 0, Double.NaN, s50, s99, Double.NaN),
                "relative latency shift canary vs stable", est, lo, hi, spec.latencyTolerance(), p, alpha,
                latency.looks(), sentence + skippedNote() + note, history(Check.LATENCY));
    }

    private Comparison split(Instant at, double weight, List<String> queries, String note) {
        double alpha = spec.alphaPerCheck();
        double share = 100 * split.share();
        double written = 100 * split.weight();
        double lo = 100 * split.lower();
        double hi = 100 * split.upper();
        double p = split.pValue();
        long cr = split.canaryRequests();
        long sr = split.stableRequests();
        String numbers = "canary share " + Words.percent(share) + " of " + (cr + sr) + " requests, weight "
                + Words.percent(written) + "; " + Words.level(alpha) + " confidence sequence " + Words.percentPoints(lo, hi)
                + "; p = " + Words.p(p) + ", α " + Words.p(alpha) + ", " + Words.looks(looks);
        State state;
        String sentence;
        if (Double.isNaN(written)) {
            state = State.WATCHING;
            sentence = "not checked: no weight between 0 and 100 % known for the intervals so far";
        } else if (p < alpha) {
            state = State.FAILED;
            sentence = "the canary receives " + (share < written ? "far less" : "far more") + " traffic than its weight: "
                    + numbers + (share < written ? "; are its pods ready, or does another route take its requests?"
                            : "; does another route send it requests?");
        } else if (cr + sr < spec.minRequests()) {
            state = State.WAITING;
            sentence = "waiting for data: " + (cr + sr) + " requests; " + numbers;
        } else {
            state = State.WATCHING;
            sentence = "the share matches the weight so far; " + numbers;
        }
        point(Check.TRAFFIC_SPLIT, new EvidencePoint(at, share, written, lo, hi, weight));
        return new Comparison(Check.TRAFFIC_SPLIT, state, queries,
                new SideSummary(cr, 0, Double.NaN, Double.NaN, Double.NaN, share),
                new SideSummary(sr, 0, Double.NaN, Double.NaN, Double.NaN, 100 - share),
                "canary share of requests (%)", share, lo, hi, Double.NaN, p, alpha, split.looks(),
                sentence + skippedNote() + note, history(Check.TRAFFIC_SPLIT));
    }

    private String skippedNote() {
        return skipped == 0 ? "" : "; " + Counted.of(skipped, "interval", "intervals") + " left out (weight change or counter reset)";
    }

    private void point(Check check, EvidencePoint p) {
        ArrayDeque<EvidencePoint> points = history.get(check);
        points.addLast(p);
        if (points.size() > HISTORY) {
            points.removeFirst();
        }
    }

    private List<EvidencePoint> history(Check check) {
        return List.copyOf(history.get(check));
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? Double.NaN : 100.0 * part / whole;
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }
}
