package io.jenkins.plugins.grayrelease.core.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.analysis.MetricQuery;
import io.jenkins.plugins.grayrelease.core.testing.DocPages;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.jenkins.plugins.grayrelease.core.errors.InvalidPlanException;

class PlanParserTest {
    private final PlanParser parser = new PlanParser();

    /** The plan of docs/plans.md, section "A complete plan": the documented example must stay valid. */
    static String readmeExample() {
        return DocPages.firstBlock("docs/plans.md", "A complete plan", "yaml");
    }

    @Test
    void readmeExamplePlanReadsEveryStepInOrder() {
        RolloutPlan plan = parser.parse(readmeExample(), "plan.yaml");

        assertThat(plan.name()).isEqualTo("reviews-v2");
        assertThat(plan.steps()).extracting(Step::kind).containsExactly("testers", "mirror", "setWeight", "pause",
                "analysis", "approval", "setWeight", "pause");
        assertThat(plan.target().toReleaseTarget().canary()).isEqualTo(Destination.subset("reviews", "v2"));
        assertThat(plan.target().toReleaseTarget().route()).isEqualTo("primary");
        assertThat(((TestersStep) plan.steps().get(0)).toTesterRoute().matches())
                .containsExactly(TesterMatch.header("x-canary", "true"));
        assertThat(((PauseStep) plan.steps().get(3)).duration()).isEqualTo(Duration.ofMinutes(2));
        var analysis = ((AnalysisStep) plan.steps().get(4)).settings().toStepSpec();
        assertThat(analysis.count()).isEqualTo(3);
        assertThat(analysis.metrics().get(1).query()).isEqualTo(new MetricQuery.LatencyPercentile(99));
        assertThat(analysis.metrics().get(1).window()).isEqualTo(Duration.ofMinutes(2));
        ApprovalStep approval = (ApprovalStep) plan.steps().get(5);
        assertThat(approval.timeoutDuration()).contains(Duration.ofMinutes(30));
        assertThat(approval.onTimeout()).isEqualTo(DecisionKind.ROLLBACK);
        assertThat(plan.backgroundAnalysis()).get().extracting(a -> a.toBackgroundSpec().untilStopped())
                .isEqualTo(true);
    }

    @Test
    void readmeExampleOfAValidationErrorIsWhatTheParserSays() {
        String broken = readmeExample().replace("decisions: [promote, rollback, setWeight, abort]",
                "decisions: [promote, rollback]").replace("onTimeout: rollback", "onTimeout: abort");

        assertThatThrownBy(() -> parser.parse(broken, "plan.yaml")).hasMessageStartingWith(
                "plan.yaml line 57, column 7: steps[5].approval.onTimeout: 'onTimeout: abort' is not among"
                        + " 'decisions' [promote, rollback]; add it or choose another");
    }

    @Test
    void minimalPlanTakesDefaults() {
        RolloutPlan plan = parser.parse("""
                target: {namespace: shop, service: reviews, stable: v1, canary: {host: reviews-canary}}
                steps:
                  - setWeight: 20
                  - approval: {}
                """, "min.yaml");

        assertThat(plan.name()).isEqualTo("reviews-reviews-canary");
        assertThat(plan.target().toReleaseTarget().canary()).isEqualTo(Destination.host("reviews-canary"));
        ApprovalStep approval = (ApprovalStep) plan.steps().get(1);
        assertThat(approval.allowed()).containsExactlyInAnyOrder(DecisionKind.values());
        assertThat(approval.timeoutDuration()).isEmpty();
    }

    @Test
    void planWithoutTargetTakesTheCallersTargetAndOneWithATargetKeepsItsOwn() {
        TargetSpec enclosing = new TargetSpec("shop", "reviews", null, null, "primary",
                DestinationSpec.subsetOnly("v1"), new DestinationSpec("reviews-canary", null), "v2");

        RolloutPlan withoutTarget = parser.parse("steps: [{setWeight: 10}]\n", "Jenkinsfile", enclosing);
        RolloutPlan withTarget = parser.parse(TARGET + "steps: [{setWeight: 10}]\n", "Jenkinsfile", enclosing);

        assertThat(withoutTarget.target()).isEqualTo(enclosing);
        assertThat(withoutTarget.target().toReleaseTarget().canary()).isEqualTo(Destination.host("reviews-canary"));
        assertThat(withTarget.target().canary()).isEqualTo(DestinationSpec.subsetOnly("v2"));
        assertThatThrownBy(() -> parser.parse("steps: [{setWeight: 10}]\n", "plan.yaml"))
                .hasMessageContaining("'target' is required");
    }

    static final String TARGET = "target: {namespace: shop, service: reviews, stable: v1, canary: v2}\n";
    static final String PROMETHEUS = "prometheus: {url: 'http://127.0.0.1:9090'}\n";

    static Stream<Arguments> badPlans() {
        return Stream.of(
                Arguments.of("typo in a step's field", TARGET + """
                        steps:
                          - approval:
                              mesage: hi
                        """, 4, "steps[0].approval.mesage", "unknown key 'mesage' in steps[0].approval; did you mean 'message'?", "message"),
                Arguments.of("unknown step", TARGET + """
                        steps:
                          - setweight: 10
                        """, 3, "steps[0].setweight", "unknown step 'setweight'", "setWeight, pause"),
                Arguments.of("weight above 100", TARGET + """
                        steps:
                          - setWeight: 150
                        """, 3, "steps[0].setWeight", "0 to 100, got 150", ""),
                Arguments.of("fractional weight", TARGET + """
                        steps:
                          - setWeight: 10.5
                        """, 3, "steps[0].setWeight", "expected a whole number from 0 to 100", "setWeight: 10"),
                Arguments.of("duration without unit", TARGET + """
                        steps:
                          - pause: 5
                        """, 3, "steps[0].pause", "for example 30s", ""),
                Arguments.of("unknown decision", TARGET + """
                        steps:
                          - approval:
                              decisions: [promote, yolo]
                        """, 4, "steps[0].approval.decisions[1]", "'yolo' is not allowed", "promote, rollback, setWeight, abort"),
                Arguments.of("timeout default not among decisions", TARGET + """
                        steps:
                          - approval:
                              decisions: [promote, rollback]
                              timeout: 10m
                              onTimeout: abort
                        """, 6, "steps[0].approval.onTimeout", "'onTimeout: abort' is not among 'decisions'", ""),
                Arguments.of("metric without bound", TARGET + PROMETHEUS + """
                        steps:
                          - analysis:
                              metrics:
                                - name: sr
                                  template: successRate
                        """, 6, "steps[0].analysis.metrics[0]", "needs 'min', 'max' or both", ""),
                Arguments.of("metric with template and query", TARGET + PROMETHEUS + """
                        steps:
                          - analysis:
                              metrics:
                                - {name: sr, template: successRate, query: up, min: 1}
                        """, 6, "steps[0].analysis.metrics[0]", "exactly one of 'template'", ""),
                Arguments.of("unknown template", TARGET + PROMETHEUS + """
                        steps:
                          - analysis:
                              metrics:
                                - {name: sr, template: errorRate, min: 1}
                        """, 6, "steps[0].analysis.metrics[0].template", "'errorRate' is not allowed", "successRate, latency"),
                Arguments.of("unknown placeholder", TARGET + PROMETHEUS + """
                        steps:
                          - analysis:
                              metrics:
                                - {name: q, query: 'up{ns="{{ns}}"}', max: 1}
                        """, 6, "steps[0].analysis.metrics[0].query", "unknown placeholder {{ns}}", ""),
                Arguments.of("analysis without prometheus", TARGET + """
                        steps:
                          - analysis:
                              metrics: [{name: sr, template: successRate, min: 99}]
                        """, 1, "", "no 'prometheus' section", ""),
                Arguments.of("background analysis with count", TARGET + PROMETHEUS + """
                        analysis:
                          count: 3
                          metrics: [{name: sr, template: successRate, min: 99}]
                        steps:
                          - setWeight: 10
                        """, 4, "analysis.count", "'analysis.count'", ""),
                Arguments.of("missing namespace", """
                        target: {service: reviews, stable: v1, canary: v2}
                        steps: [{setWeight: 10}]
                        """, 1, "target.namespace", "'namespace' is required", ""),
                Arguments.of("no steps", TARGET + "steps: []\n", 2, "steps", "'steps' needs at least one step", ""),
                Arguments.of("steps as a map", TARGET + """
                        steps:
                          setWeight: 10
                        """, 2, "steps", "wrong kind of value", ""),
                Arguments.of("duplicate key", TARGET + """
                        steps:
                          - approval:
                              timeout: 5m
                              timeout: 10m
                        """, 5, "", "Duplicate field 'timeout'", "fix the YAML syntax"),
                Arguments.of("broken YAML", TARGET + """
                        steps:
                          - approval: {message: 'hi}
                        """, 3, "", "not valid YAML: while scanning a quoted scalar: found unexpected end of stream.",
                        "fix the YAML syntax"),
                Arguments.of("pause as a list", TARGET + """
                        steps:
                          - pause: [5m]
                        """, 3, "steps[0].pause", "for example 30s", ""),
                Arguments.of("testers without matches", TARGET + """
                        steps:
                          - testers: {}
                        """, 3, "steps[0].testers", "needs at least one entry {kind, name, value}, kind one of header, header-prefix, header-regex or cookie", ""),
                Arguments.of("negative failure limit", TARGET + PROMETHEUS + """
                        steps:
                          - analysis:
                              failureLimit: -1
                              metrics: [{name: sr, template: successRate, min: 99}]
                        """, 5, "steps[0].analysis.failureLimit", "must be 0 or more", ""),
                Arguments.of("failure limit that can never be reached", TARGET + PROMETHEUS + """
                        steps:
                          - analysis:
                              count: 2
                              failureLimit: 2
                              metrics: [{name: sr, template: successRate, min: 99}]
                        """, 6, "steps[0].analysis.failureLimit", "could never fail", ""),
                Arguments.of("two metrics with one name", TARGET + PROMETHEUS + """
                        steps:
                          - analysis:
                              metrics:
                                - {name: sr, template: successRate, min: 99}
                                - {name: sr, template: latency, max: 500}
                        """, 5, "steps[0].analysis.metrics", "same name", ""),
                Arguments.of("prometheus url without scheme", TARGET + """
                        prometheus:
                          url: prometheus:9090
                        steps: [{setWeight: 10}]
                        """, 3, "prometheus.url", "must start with http://", ""),
                Arguments.of("unknown top-level key", TARGET + """
                        steps: [{setWeight: 10}]
                        stepz: []
                        """, 3, "stepz", "unknown key 'stepz' at the top level; did you mean 'steps'? allowed", "analysis, canaryScale, name, prometheus, steps, target"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPlans")
    void badPlanIsRejectedNamingLineAndField(String name, String yaml, int line, String path, String problem,
            String hint) {
        assertThatThrownBy(() -> parser.parse(yaml, "plan.yaml"))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> {
                    assertThat(e.line()).as("line of: %s", e.getMessage()).isEqualTo(line);
                    assertThat(e.path()).as("path of: %s", e.getMessage()).isEqualTo(path);
                    assertThat(e.getMessage()).startsWith("plan.yaml line " + line + ", column ")
                            .contains(problem).contains(hint);
                });
    }
}
