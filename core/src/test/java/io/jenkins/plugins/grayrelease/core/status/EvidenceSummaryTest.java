package io.jenkins.plugins.grayrelease.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import io.jenkins.plugins.grayrelease.core.analysis.Measurement;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison;
import io.jenkins.plugins.grayrelease.core.analysis.judge.JudgeSpec;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Judgement;
import io.jenkins.plugins.grayrelease.core.analysis.judge.SideCounts;
import io.jenkins.plugins.grayrelease.core.rollout.AnalysisRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceSummaryTest {

    @Test
    void eachComparisonIsOneLineWithBothSidesTheIntervalAndPAgainstAlpha() {
        Judgement j = new Judgement(JudgeSpec.defaults());
        List<Comparison> last = List.of();
        for (int i = 1; i <= 4; i++) {
            last = j.observe(new Judgement.Interval(Instant.EPOCH.plusSeconds(30L * i), 10, false, new double[0],
                    new SideCounts(300, 9, null), new SideCounts(2700, 27, null)), Map.of());
        }
        AnalysisRecord record = new AnalysisRecord("step 2", new AnalysisVerdict(false,
                "the comparison with the stable failed at measurement 5 (errors)", List.of(new Measurement(5, List.of(), last))));

        List<String> lines = EvidenceSummary.lines(List.of(record));

        assertThat(lines.get(0)).isEqualTo("analysis step 2: FAILED — the comparison with the stable failed at measurement 5 (errors)");
        assertThat(lines.get(1)).startsWith("  errors        FAILED       canary 3.00 % (36/1200), stable 1.00 % (108/10800), ratio ")
                .contains("< α 0.017, 4 looks");
        assertThat(lines.get(3)).startsWith("  trafficSplit  WATCHING     canary share 10.00 % of 12000 requests");
    }
}
