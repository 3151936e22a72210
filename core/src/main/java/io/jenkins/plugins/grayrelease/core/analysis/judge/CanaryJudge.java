package io.jenkins.plugins.grayrelease.core.analysis.judge;

import io.jenkins.plugins.grayrelease.core.analysis.PrometheusClient;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison.State;
import io.jenkins.plugins.grayrelease.core.analysis.judge.SideReader.Reading;
import io.jenkins.plugins.grayrelease.core.errors.PrometheusQueryException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The judge of one analysis, looking through Prometheus: each look reads both sides' counters,
 * hands the differences since the previous look to the {@link Judgement}, and returns its
 * comparisons. The first look only reads (a baseline). An interval in which the weight changed,
 * or up to {@link #SETTLE} before it (proxies and scrapes lag behind the write), is left out.
 */
public final class CanaryJudge {
    /** How long after a weight change the counters may still carry the old split. */
    public static final Duration SETTLE = Duration.ofSeconds(30);

    private final JudgeSpec spec;
    private final JudgeContext context;
    private final SideReader reader;
    private final Judgement judgement;
    private Reading lastCanary;
    private Reading lastStable;
    private Instant lastTime;

    public CanaryJudge(JudgeSpec spec, JudgeContext context, PrometheusClient prometheus) {
        this.spec = spec;
        this.context = context;
        this.reader = new SideReader(prometheus, spec.errorCodes());
        this.judgement = new Judgement(spec);
    }

    public JudgeSpec spec() {
        return spec;
    }

    /** One comparison per check; never throws for Prometheus failures (they are inconclusive looks). */
    public List<Comparison> look(Instant time) {
        boolean latency = spec.checks().contains(Check.LATENCY);
        Reading canary;
        Reading stable;
        try {
            canary = reader.read(context.canary(), latency, time);
            stable = reader.read(context.stable(), latency, time);
        } catch (PrometheusQueryException e) {
            return inconclusive(e.getMessage());
        }
        Map<Check, List<String>> queries = queries(canary, stable);
        double weight = context.weights().percentAt(time);
        if (lastTime == null) {
            remember(canary, stable, time);
            return judgement.state(time, weight, queries,
                    "first look: counters read, the comparison starts with the next interval");
        }
        double[] bounds = bounds(canary, stable);
        var canaryNew = canary.counts().minus(lastCanary.counts());
        var stableNew = stable.counts().minus(lastStable.counts());
        boolean usable = canaryNew != null && stableNew != null
                && !context.weights().changedBetween(lastTime.minus(SETTLE), time);
        if (canaryNew == null || stableNew == null) {
            canaryNew = new SideCounts(0, 0, new long[bounds.length]);
            stableNew = canaryNew;
        }
        remember(canary, stable, time);
        return judgement.observe(new Judgement.Interval(time, weight, !usable, bounds, canaryNew, stableNew), queries);
    }

    /** True once the canary served the plan's minimum of requests in the intervals used. */
    public boolean enoughData() {
        return judgement.canaryRequests() >= spec.minRequests();
    }

    public long canaryRequests() {
        return judgement.canaryRequests();
    }

    private void remember(Reading canary, Reading stable, Instant time) {
        lastCanary = canary;
        lastStable = stable;
        lastTime = time;
    }

    /** The canary may have no histogram yet: it then counts as empty buckets of the stable's bounds. */
    private static double[] bounds(Reading canary, Reading stable) {
        return canary.bounds().length >= stable.bounds().length ? canary.bounds() : stable.bounds();
    }

    private Map<Check, List<String>> queries(Reading canary, Reading stable) {
        Map<Check, List<String>> out = new EnumMap<>(Check.class);
        List<String> counts = List.of(canary.queries().get(0), canary.queries().get(1), stable.queries().get(0),
                stable.queries().get(1));
        out.put(Check.ERRORS, counts);
        out.put(Check.TRAFFIC_SPLIT, List.of(canary.queries().get(0), stable.queries().get(0)));
        if (canary.queries().size() > 2) {
            out.put(Check.LATENCY, List.of(canary.queries().get(2), stable.queries().get(2)));
        }
        return out;
    }

    private List<Comparison> inconclusive(String reason) {
        List<Comparison> out = new ArrayList<>();
        for (Check c : spec.checks()) {
            out.add(new Comparison(c, State.INCONCLUSIVE, List.of(), null, null, "", Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, spec.alphaPerCheck(), judgement.looks(), reason, List.of()));
        }
        return out;
    }
}
