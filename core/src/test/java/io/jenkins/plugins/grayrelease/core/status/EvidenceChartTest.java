package io.jenkins.plugins.grayrelease.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.analysis.MetricCheck;
import io.jenkins.plugins.grayrelease.core.analysis.MetricQuery;
import io.jenkins.plugins.grayrelease.core.analysis.MetricResult;
import io.jenkins.plugins.grayrelease.core.analysis.Outcome;
import io.jenkins.plugins.grayrelease.core.analysis.Threshold;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison;
import io.jenkins.plugins.grayrelease.core.analysis.judge.JudgeSpec;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Judgement;
import io.jenkins.plugins.grayrelease.core.analysis.judge.SideCounts;
import io.jenkins.plugins.grayrelease.core.analysis.judge.WeightHistory;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class EvidenceChartTest {
    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

    private static Comparison errorsAfter(int looks) {
        Judgement j = new Judgement(JudgeSpec.defaults());
        List<Comparison> last = List.of();
        for (int i = 1; i <= looks; i++) {
            last = j.observe(new Judgement.Interval(T0.plusSeconds(30L * i), i < 3 ? 10 : 50, false, new double[0],
                    new SideCounts(300, 9, null), new SideCounts(2700, 14, null)), Map.of());
        }
        return last.get(0);
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    @Test
    void aComparisonIsDrawnAsWellFormedSvgWithBothSidesTheBandAndTheWeightSteps() throws Exception {
        String svg = EvidenceChart.svg(errorsAfter(6));

        Document doc = parse(svg);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg).contains("class=\"canary\"", "class=\"stable\"", "class=\"band\"", "class=\"weight\"",
                "errors — FAILED", "50 %");
        assertThat(svg).doesNotContain("<script", "javascript:", "on" + "load=");
    }

    @Test
    void aThresholdMetricShowsItsValuesAndItsBoundAndTextIsEscaped() throws Exception {
        MetricCheck check = new MetricCheck("rate <&> \"x\"", new MetricQuery.SuccessRate(), Duration.ofMinutes(1),
                Threshold.atLeast(99));
        List<MetricResult> results = List.of(
                new MetricResult(check, T0, Outcome.PASSED, OptionalDouble.of(99.5), "q", ""),
                new MetricResult(check, T0.plusSeconds(30), Outcome.INCONCLUSIVE, OptionalDouble.empty(), "q", "no data"),
                new MetricResult(check, T0.plusSeconds(60), Outcome.FAILED, OptionalDouble.of(97), "q", ""));
        WeightHistory weights = new WeightHistory();
        weights.record(T0.minusSeconds(5), 10);

        String svg = EvidenceChart.svg(check.name(), results, weights.changes());

        parse(svg);
        assertThat(svg).contains("class=\"threshold\"", "rate &lt;&amp;&gt; &quot;x&quot;", "&gt;= 99");
        // The missing middle value splits the line in two.
        assertThat(svg.split("<polyline class=\"canary\"", -1)).hasSize(3);
    }

    @Test
    void anEmptyHistorySaysSoInsteadOfDrawingAxes() throws Exception {
        MetricCheck check = new MetricCheck("m", new MetricQuery.SuccessRate(), Duration.ofMinutes(1), Threshold.atLeast(99));
        String svg = EvidenceChart.svg("m", List.<MetricResult>of(), List.of());
        parse(svg);
        assertThat(svg).contains("no measurement yet").doesNotContain("polyline");
    }
}
