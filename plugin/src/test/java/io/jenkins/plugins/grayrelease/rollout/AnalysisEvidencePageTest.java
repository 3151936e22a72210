package io.jenkins.plugins.grayrelease.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.core.TargetSettings;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import io.jenkins.plugins.grayrelease.core.analysis.Measurement;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison;
import io.jenkins.plugins.grayrelease.core.analysis.judge.JudgeSpec;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Judgement;
import io.jenkins.plugins.grayrelease.core.analysis.judge.SideCounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The build's Gray Release page shows each analysis' evidence: sentences, queries and the engine's SVG charts. */
@WithJenkins
class AnalysisEvidencePageTest {

    /** Six looks of a canary with three times the stable's error rate, as the judge words them. */
    private static List<Comparison> failingComparisons() {
        Judgement judgement = new Judgement(JudgeSpec.defaults());
        List<Comparison> last = List.of();
        for (int i = 1; i <= 6; i++) {
            last = judgement.observe(new Judgement.Interval(Instant.parse("2026-12-06T08:00:00Z").plusSeconds(30L * i), 10,
                    false, new double[0], new SideCounts(300, 9, null), new SideCounts(2700, 27, null)),
                    Map.of(io.jenkins.plugins.grayrelease.core.analysis.judge.Check.ERRORS,
                            List.of("sum(istio_requests_total{destination_version=\"v2\"})")));
        }
        return last;
    }

    @Test
    void aFailedComparisonShowsItsSentenceItsQueryAndAnSvgChart(JenkinsRule r) throws Exception {
        FreeStyleBuild build = r.buildAndAssertSuccess(r.createFreeStyleProject());
        ReleaseSettings settings = ReleaseSettings.of(TargetSettings.empty()
                .with(TargetSettings.Field.NAMESPACE, "shop").with(TargetSettings.Field.SERVICE, "reviews"));
        BuildPageRolloutListener listener = new BuildPageRolloutListener(build, settings, () -> false);
        Measurement measurement = new Measurement(7, List.of(), failingComparisons());

        listener.weightWritten(10, null);
        listener.analysisMeasured("step 2", measurement);
        listener.analysisFinished("step 2", new AnalysisVerdict(false,
                "the comparison with the stable failed at measurement 7 (errors)", List.of(measurement)));

        assertThat(build.getAction(GrayReleaseAction.class).getEvidence()).singleElement()
                .satisfies(e -> assertThat(e.getState()).isEqualTo("FAILED"));
        String page = r.createWebClient().goTo(build.getUrl() + GrayReleaseAction.URL_NAME + "/")
                .getWebResponse().getContentAsString();
        assertThat(page).contains("step 2 — shop/reviews: FAILED",
                "the comparison with the stable failed at measurement 7 (errors)",
                "error rate is higher than the stable", "sum(istio_requests_total{destination_version=",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gray-release-chart\"", "class=\"band\"",
                "class=\"canary\"", "class=\"stable\"");
        // The engine's chart is embedded as markup, not shown as escaped text.
        assertThat(page).doesNotContain("class=&quot;gray-release-chart");
    }
}
