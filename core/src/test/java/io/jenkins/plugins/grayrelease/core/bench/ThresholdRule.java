package io.jenkins.plugins.grayrelease.core.bench;

import io.jenkins.plugins.grayrelease.core.analysis.judge.Histograms;
import io.jenkins.plugins.grayrelease.core.analysis.judge.RequestStreams;
import io.jenkins.plugins.grayrelease.core.analysis.judge.SideCounts;
import java.util.List;

/**
 * What Argo Rollouts, Flagger and our threshold analysis do: at every look, the canary's success
 * rate and p99 over the last minute against fixed bounds (Flagger's documented defaults: success
 * rate ≥ 99 %, p99 ≤ 500 ms); the canary fails when {@code failuresAllowed + 1} looks failed.
 */
final class ThresholdRule implements CanaryRule {
    private final int window;
    private final int failuresAllowed;
    private int failures;

    /** @param windowTicks ticks in the query window (1 min of 10 s ticks: 6) */
    ThresholdRule(int windowTicks, int failuresAllowed) {
        this.window = windowTicks;
        this.failuresAllowed = failuresAllowed;
    }

    @Override
    public String name() {
        return failuresAllowed == 0 ? "threshold, fail at first failed check" : "threshold, fail at " + (failuresAllowed + 1)
                + " failed checks";
    }

    @Override
    public Decision look(List<SideCounts[]> ticks) {
        long requests = 0;
        long errors = 0;
        long[] buckets = new long[RequestStreams.BOUNDS.length];
        for (SideCounts[] t : ticks.subList(Math.max(0, ticks.size() - window), ticks.size())) {
            requests += t[0].requests();
            errors += t[0].errors();
            long[] b = t[0].buckets();
            for (int k = 0; k < b.length; k++) {
                buckets[k] += b[k];
            }
        }
        if (requests == 0) {
            return Decision.CONTINUE; // no value: inconclusive, not failed
        }
        double successRate = 100.0 * (requests - errors) / requests;
        double p99 = Histograms.quantile(RequestStreams.BOUNDS, buckets, 0.99);
        if (successRate < 99 || p99 > 500) {
            failures++;
        }
        return failures > failuresAllowed ? Decision.FAIL : Decision.CONTINUE;
    }
}
