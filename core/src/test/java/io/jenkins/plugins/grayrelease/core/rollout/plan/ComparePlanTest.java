package io.jenkins.plugins.grayrelease.core.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.grayrelease.core.analysis.judge.Check;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Direction;
import io.jenkins.plugins.grayrelease.core.analysis.judge.JudgeSpec;
import io.jenkins.plugins.grayrelease.core.errors.InvalidPlanException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The {@code compare} section of an analysis: the judge's fields, their defaults and their errors. */
class ComparePlanTest {
    private final PlanParser parser = new PlanParser();

    private static String plan(String analysis) {
        return """
                target: {namespace: shop, service: reviews, stable: v1, canary: v2}
                prometheus: {url: 'http://127.0.0.1:9090'}
                steps:
                  - setWeight: 10
                  - analysis:
                      interval: 30s
                %s
                """.formatted(analysis.indent(6).stripTrailing());
    }

    @Test
    void anEmptyCompareTakesEveryCheckAndTheDefaults() {
        RolloutPlan p = parser.parse(plan("count: 40\ncompare: {}"), "plan.yaml");

        JudgeSpec judge = ((AnalysisStep) p.steps().get(1)).settings().toStepSpec().compare();
        assertThat(judge).isEqualTo(JudgeSpec.defaults());
        assertThat(p.steps().get(1).describe())
                .isEqualTo("analysis comparing canary with stable (errors, latency, trafficSplit), 40 measurements");
    }

    /** The example step of docs/plans.md under "Comparing the canary with the stable" spells out the defaults. */
    @Test
    void theDocumentedExampleIsValidAndSpellsOutTheDefaults() {
        String step = io.jenkins.plugins.grayrelease.core.testing.DocPages.firstBlock("docs/plans.md",
                "Comparing the canary with the stable (`compare`, the judge)", "yaml");
        RolloutPlan p = parser.parse("""
                target: {namespace: shop, service: reviews, stable: v1, canary: v2}
                prometheus: {url: 'http://127.0.0.1:9090'}
                steps:
                """ + step, "plan.yaml");

        var spec = ((AnalysisStep) p.steps().get(0)).settings().toStepSpec();
        assertThat(spec.compare()).isEqualTo(JudgeSpec.defaults());
        assertThat(spec.count()).isEqualTo(40);
    }

    @Test
    void everyFieldIsRead() {
        RolloutPlan p = parser.parse(plan("""
                count: 20
                metrics:
                  - {name: success-rate, template: successRate, min: 99}
                compare:
                  checks: [latency, errors]
                  alpha: 0.01
                  errorTolerance: 0.2
                  latencyTolerance: 0.05
                  minRequests: 500
                  direction: either
                  errorCodes: "503|504"
                """), "plan.yaml");

        var spec = ((AnalysisStep) p.steps().get(1)).settings().toStepSpec();
        assertThat(spec.metrics()).hasSize(1);
        assertThat(spec.compare()).isEqualTo(new JudgeSpec(List.of(Check.ERRORS, Check.LATENCY), 0.01, 0.2, 0.05, 500,
                Direction.EITHER, "503|504"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            alpha of 1            | count: 40\\ncompare: {alpha: 1}                | steps[1].analysis.compare.alpha            | 'alpha' must be above 0 and at most 0.5, got 1; 0.05 allows at most 5 % false alarms however often the analysis looks
            negative tolerance    | count: 40\\ncompare: {errorTolerance: -0.5}     | steps[1].analysis.compare.errorTolerance   | 'errorTolerance' must be 0 or more, got -0.5; 0.5 passes early once the canary's error rate is shown below 1.5 times the stable's
            latency tolerance     | count: 40\\ncompare: {latencyTolerance: -1}     | steps[1].analysis.compare.latencyTolerance | 'latencyTolerance' must be 0 or more, got -1; 0.1 passes early once the canary is shown less than 10 % slower
            no requests           | count: 40\\ncompare: {minRequests: 0}          | steps[1].analysis.compare.minRequests      | 'minRequests' must be 1 or more, got 0
            no checks             | count: 40\\ncompare: {checks: []}              | steps[1].analysis.compare.checks           | 'checks' needs at least one of errors, latency, trafficSplit (or leave it out for all three)
            check twice           | count: 40\\ncompare: {checks: [errors, errors]} | steps[1].analysis.compare.checks          | 'checks' names a check twice; list each once
            bad regex             | count: 40\\ncompare: {errorCodes: '5(..'}      | steps[1].analysis.compare.errorCodes       | 'errorCodes' is not a regular expression Prometheus accepts
            one measurement       | compare: {}                                    | steps[1].analysis.count                    | 'count' must be 2 or more with 'compare' (default 1): the first measurement reads the counters and the comparison starts with the second; e.g. interval: 30s, count: 40 compares for 20 minutes
            """)
    void aBadFieldIsRejectedNamingItsPath(String name, String analysis, String path, String message) {
        assertThatThrownBy(() -> parser.parse(plan(analysis.replace("\\n", "\n")), "plan.yaml"))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> {
                    assertThat(e.path()).as(e.getMessage()).isEqualTo(path);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void anUnknownCheckNamesTheAllowedOnes() {
        assertThatThrownBy(() -> parser.parse(plan("count: 40\ncompare: {checks: [errors, cpu]}"), "plan.yaml"))
                .hasMessageContaining("'cpu' is not allowed").hasMessageContaining("errors, latency, trafficSplit");
    }

    @Test
    void anAnalysisWithNeitherMetricsNorCompareSaysBothAreAllowed() {
        assertThatThrownBy(() -> parser.parse(plan("count: 3"), "plan.yaml"))
                .hasMessageContaining("'metrics' needs at least one metric (or add 'compare' to compare the canary with the stable)");
    }
}
