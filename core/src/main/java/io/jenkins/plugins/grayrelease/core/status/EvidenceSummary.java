package io.jenkins.plugins.grayrelease.core.status;

import io.jenkins.plugins.grayrelease.core.support.Counted;
import io.jenkins.plugins.grayrelease.core.analysis.MetricResult;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison;
import io.jenkins.plugins.grayrelease.core.rollout.AnalysisRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The evidence of a rollout's analyses in a few lines for a terminal (what {@code grayctl rollout}
 * prints under the release's table): per analysis its verdict, then one line per comparison
 * (both sides, estimate, confidence sequence, p-value against α, looks) and per threshold metric.
 */
public final class EvidenceSummary {
    private EvidenceSummary() {}

    public static List<String> lines(List<AnalysisRecord> records) {
        List<String> out = new ArrayList<>();
        for (AnalysisRecord r : records) {
            out.add("analysis " + r.analysis() + ": " + (r.verdict().passed() ? "passed" : "FAILED") + " — "
                    + r.verdict().summary());
            for (Comparison c : r.verdict().lastComparisons()) {
                out.add(String.format(Locale.ROOT, "  %-13s %-12s %s", c.check().planName(), c.state(), numbers(c)));
            }
            for (MetricResult m : r.verdict().lastResults()) {
                out.add(String.format(Locale.ROOT, "  %-13s %-12s %s", m.check().name(), m.outcome(),
                        (m.observed().isPresent() ? "observed " + String.format(Locale.ROOT, "%.2f", m.observed().getAsDouble())
                                : "no value") + ", threshold " + m.threshold().describe() + "; " + m.query()));
            }
        }
        return out;
    }

    private static String numbers(Comparison c) {
        if (c.canary() == null) {
            return c.sentence();
        }
        String sides = switch (c.check()) {
            case ERRORS -> "canary " + percent(c.canary().rate()) + " (" + c.canary().errors() + "/" + c.canary().requests()
                    + "), stable " + percent(c.stable().rate()) + " (" + c.stable().errors() + "/" + c.stable().requests() + ")"
                    + ", ratio " + number(c.estimate()) + " [" + number(c.lower()) + ", " + number(c.upper()) + "]";
            case LATENCY -> "p99 canary " + ms(c.canary().p99()) + ", stable " + ms(c.stable().p99()) + ", shift "
                    + signed(c.estimate()) + " [" + signed(c.lower()) + ", " + signed(c.upper()) + "]";
            case TRAFFIC_SPLIT -> "canary share " + percent(c.canary().share()) + " of " + (c.canary().requests()
                    + c.stable().requests()) + " requests [" + percent(c.lower()) + ", " + percent(c.upper()) + "]";
        };
        return sides + String.format(Locale.ROOT, "; p = %s %s α %s, %s", p(c.pValue()),
                c.pValue() < c.alpha() ? "<" : "≥", p(c.alpha()), Counted.of(c.looks(), "look", "looks"));
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "n/a" : Double.isInfinite(v) ? "∞" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", v);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f ms", v);
    }

    private static String signed(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : Double.isInfinite(fraction) ? "∞"
                : String.format(Locale.ROOT, "%+.1f %%", 100 * fraction);
    }

    private static String p(double v) {
        return Double.isNaN(v) ? "n/a" : v >= 0.001 ? String.format(Locale.ROOT, "%.3f", v) : String.format(Locale.ROOT, "%.1e", v);
    }
}
