package io.jenkins.plugins.grayrelease.action;

import io.jenkins.plugins.grayrelease.core.support.Counted;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import io.jenkins.plugins.grayrelease.core.analysis.Measurement;
import io.jenkins.plugins.grayrelease.core.analysis.MetricResult;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison;
import io.jenkins.plugins.grayrelease.core.analysis.judge.WeightHistory;
import io.jenkins.plugins.grayrelease.core.status.EvidenceChart;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One analysis' evidence on the build page, as the engine words and draws it: per comparison and
 * per threshold metric its sentence, its queries and its chart (SVG made by core's
 * {@link EvidenceChart}, kept as text so the page needs no script and the build record no engine
 * types).
 */
public final class AnalysisEvidence {

    /** One check or metric. */
    public static final class Item {
        private final String title;
        private final String sentence;
        private final List<String> queries;
        private final String svg;

        Item(String title, String sentence, List<String> queries, String svg) {
            this.title = title;
            this.sentence = sentence;
            this.queries = new ArrayList<>(queries);
            this.svg = svg;
        }

        public String getTitle() {
            return title;
        }

        public String getSentence() {
            return sentence;
        }

        public List<String> getQueries() {
            return Collections.unmodifiableList(queries);
        }

        /** Markup made by core from numbers and escaped text: shown as it is. */
        public String getSvg() {
            return svg;
        }
    }

    private final String analysis;
    private final String target;
    private final String state;
    private final String summary;
    private final List<Item> items;

    private AnalysisEvidence(String analysis, String target, String state, String summary, List<Item> items) {
        this.analysis = analysis;
        this.target = target;
        this.state = state;
        this.summary = summary;
        this.items = new ArrayList<>(items);
    }

    /**
     * @param verdict null while the analysis still measures
     * @param weights the weights written so far, drawn under threshold metrics
     */
    public static AnalysisEvidence of(String analysis, String target, List<Measurement> measurements,
            AnalysisVerdict verdict, List<WeightHistory.Change> weights) {
        List<Item> items = new ArrayList<>();
        Measurement last = measurements.isEmpty() ? null : measurements.get(measurements.size() - 1);
        if (last != null) {
            for (Comparison c : last.comparisons()) {
                items.add(new Item(c.check().planName() + ": " + c.state(), c.sentence(), c.queries(), EvidenceChart.svg(c)));
            }
        }
        Map<String, List<MetricResult>> byMetric = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            for (MetricResult r : m.results()) {
                byMetric.computeIfAbsent(r.check().name(), n -> new ArrayList<>()).add(r);
            }
        }
        byMetric.forEach((name, results) -> {
            MetricResult newest = results.get(results.size() - 1);
            items.add(new Item(name + ": " + newest.outcome(), newest.describe(), List.of(newest.query()),
                    EvidenceChart.svg(name, results, weights)));
        });
        String state = verdict == null ? "MEASURING" : verdict.passed() ? "PASSED" : "FAILED";
        return new AnalysisEvidence(analysis, target, state, verdict == null ? Counted.of(measurements.size(), "measurement", "measurements") + " so far"
                : verdict.summary(), items);
    }

    public String getAnalysis() {
        return analysis;
    }

    public String getTarget() {
        return target;
    }

    /** MEASURING, PASSED or FAILED. */
    public String getState() {
        return state;
    }

    public String getSummary() {
        return summary;
    }

    public List<Item> getItems() {
        return Collections.unmodifiableList(items);
    }

    boolean sameAnalysis(AnalysisEvidence other) {
        return analysis.equals(other.analysis) && target.equals(other.target);
    }
}
