package io.jenkins.plugins.grayrelease.core.status;

import io.jenkins.plugins.grayrelease.core.analysis.Measurement;
import io.jenkins.plugins.grayrelease.core.analysis.MetricCheck;
import io.jenkins.plugins.grayrelease.core.analysis.MetricResult;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison;
import io.jenkins.plugins.grayrelease.core.rollout.AnalysisRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evidence of a rollout's analyses as documents (part of {@link StatusDocument}'s rollout
 * document): per analysis its verdict, per threshold metric the query, the values observed and the
 * bound, per comparison the query, both sides' numbers, the estimate, the confidence sequence, the
 * p-value, α, the looks and the sentence. Numbers that do not exist (NaN, ∞) are null.
 */
public final class EvidenceDocument {
    private EvidenceDocument() {}

    public static ArrayList<Object> analyses(List<AnalysisRecord> records) {
        ArrayList<Object> out = new ArrayList<>();
        for (AnalysisRecord r : records) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("analysis", r.analysis());
            doc.put("passed", r.verdict().passed());
            doc.put("summary", r.verdict().summary());
            doc.put("measurements", r.verdict().measurements().size());
            doc.put("metrics", metrics(r.verdict().measurements()));
            ArrayList<Object> comparisons = new ArrayList<>();
            r.verdict().lastComparisons().forEach(c -> comparisons.add(comparison(c)));
            doc.put("comparisons", comparisons);
            out.add(doc);
        }
        return out;
    }

    /** Per threshold metric: its last query, every value observed (null when none) and the bound. */
    static ArrayList<Object> metrics(List<Measurement> measurements) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            for (MetricResult r : m.results()) {
                MetricCheck check = r.check();
                Map<String, Object> doc = byName.computeIfAbsent(check.name(), n -> {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("name", n);
                    d.put("measures", check.query().describe());
                    d.put("threshold", check.threshold().describe());
                    d.put("query", null);
                    d.put("observed", new ArrayList<>());
                    d.put("lastOutcome", null);
                    return d;
                });
                doc.put("query", r.query());
                @SuppressWarnings("unchecked")
                ArrayList<Object> observed = (ArrayList<Object>) doc.get("observed");
                observed.add(r.observed().isPresent() ? number(r.observed().getAsDouble()) : null);
                doc.put("lastOutcome", r.outcome().name());
            }
        }
        return new ArrayList<>(byName.values());
    }

    public static Map<String, Object> comparison(Comparison c) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("check", c.check().planName());
        doc.put("state", c.state().name());
        doc.put("verdict", c.sentence());
        doc.put("queries", new ArrayList<>(c.queries()));
        doc.put("canary", side(c.canary()));
        doc.put("stable", side(c.stable()));
        doc.put("effect", c.effect());
        doc.put("estimate", number(c.estimate()));
        doc.put("lower", number(c.lower()));
        doc.put("upper", number(c.upper()));
        doc.put("tolerance", number(c.tolerance()));
        doc.put("pValue", number(c.pValue()));
        doc.put("alpha", number(c.alpha()));
        doc.put("looks", c.looks());
        return doc;
    }

    private static Map<String, Object> side(Comparison.SideSummary s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("requests", s.requests());
        doc.put("errors", s.errors());
        doc.put("errorRatePercent", number(s.rate()));
        doc.put("p50Ms", number(s.p50()));
        doc.put("p99Ms", number(s.p99()));
        doc.put("sharePercent", number(s.share()));
        return doc;
    }

    /** JSON has no NaN or ∞: such a number is null. */
    static Double number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
