package io.jenkins.plugins.grayrelease.core.bench;

import io.jenkins.plugins.grayrelease.core.analysis.judge.Histograms;
import io.jenkins.plugins.grayrelease.core.analysis.judge.RequestStreams;
import io.jenkins.plugins.grayrelease.core.analysis.judge.SideCounts;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Kayenta's judge without its scoring layers: at every look, for each metric (error rate, p99),
 * the canary's per-tick values so far against the stable's with a one-sided Mann-Whitney U test
 * at 0.05; the canary fails when any metric is significantly higher. Each look is a fixed-sample
 * test: nothing corrects for looking again.
 */
final class MannWhitneyRule implements CanaryRule {
    private static final MannWhitneyUTest TEST = MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN);
    private static final double ALPHA = 0.05;
    private static final int MIN_SAMPLES = 3;

    @Override
    public String name() {
        return "Mann-Whitney (Kayenta) at every check";
    }

    @Override
    public Decision look(List<SideCounts[]> ticks) {
        List<Double> canaryErrors = new ArrayList<>();
        List<Double> stableErrors = new ArrayList<>();
        List<Double> canaryP99 = new ArrayList<>();
        List<Double> stableP99 = new ArrayList<>();
        for (SideCounts[] t : ticks) {
            add(canaryErrors, t[0].requests() == 0 ? Double.NaN : (double) t[0].errors() / t[0].requests());
            add(stableErrors, t[1].requests() == 0 ? Double.NaN : (double) t[1].errors() / t[1].requests());
            add(canaryP99, Histograms.quantile(RequestStreams.BOUNDS, t[0].buckets(), 0.99));
            add(stableP99, Histograms.quantile(RequestStreams.BOUNDS, t[1].buckets(), 0.99));
        }
        return higher(canaryErrors, stableErrors) || higher(canaryP99, stableP99) ? Decision.FAIL : Decision.CONTINUE;
    }

    private static void add(List<Double> values, double v) {
        if (!Double.isNaN(v)) {
            values.add(v);
        }
    }

    private static boolean higher(List<Double> canary, List<Double> stable) {
        if (canary.size() < MIN_SAMPLES || stable.size() < MIN_SAMPLES) {
            return false;
        }
        double[] c = canary.stream().mapToDouble(Double::doubleValue).toArray();
        double[] s = stable.stream().mapToDouble(Double::doubleValue).toArray();
        return TEST.test(c, s).getPValue() < ALPHA;
    }
}
