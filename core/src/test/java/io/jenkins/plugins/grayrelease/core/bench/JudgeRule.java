package io.jenkins.plugins.grayrelease.core.bench;

import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison;
import io.jenkins.plugins.grayrelease.core.analysis.judge.JudgeSpec;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Judgement;
import io.jenkins.plugins.grayrelease.core.analysis.judge.RequestStreams;
import io.jenkins.plugins.grayrelease.core.analysis.judge.SideCounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The canary judge with the plan's defaults, fed the ticks since its last look as one interval:
 * fails when a comparison fails, passes early when errors and latency are within tolerance.
 */
final class JudgeRule implements CanaryRule {
    private final Judgement judgement = new Judgement(JudgeSpec.defaults());
    private final double weight;
    private int used;

    JudgeRule(double weightPercent) {
        this.weight = weightPercent;
    }

    @Override
    public String name() {
        return "canary judge (anytime-valid), α = " + JudgeSpec.DEFAULT_ALPHA;
    }

    @Override
    public Decision look(List<SideCounts[]> ticks) {
        SideCounts canary = sum(ticks.subList(used, ticks.size()), 0);
        SideCounts stable = sum(ticks.subList(used, ticks.size()), 1);
        used = ticks.size();
        List<Comparison> comparisons = judgement.observe(new Judgement.Interval(Instant.EPOCH, weight, false,
                RequestStreams.BOUNDS, canary, stable), Map.of());
        if (Judgement.failed(comparisons)) {
            return Decision.FAIL;
        }
        return Judgement.cleared(comparisons) ? Decision.PASS : Decision.CONTINUE;
    }

    private static SideCounts sum(List<SideCounts[]> ticks, int side) {
        long requests = 0;
        long errors = 0;
        long[] buckets = new long[RequestStreams.BOUNDS.length];
        for (SideCounts[] t : ticks) {
            requests += t[side].requests();
            errors += t[side].errors();
            long[] b = t[side].buckets();
            for (int k = 0; k < b.length; k++) {
                buckets[k] += b[k];
            }
        }
        return new SideCounts(requests, errors, buckets);
    }
}
