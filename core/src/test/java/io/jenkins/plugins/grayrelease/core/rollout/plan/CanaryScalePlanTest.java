package io.jenkins.plugins.grayrelease.core.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.grayrelease.core.errors.InvalidPlanException;
import io.jenkins.plugins.grayrelease.core.workload.CanaryScale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The plan's {@code canaryScale} and its {@code setCanaryScale} step. */
class CanaryScalePlanTest {
    private static final String TARGET = PlanParserTest.TARGET;
    private final PlanParser parser = new PlanParser();

    @Test
    void planLevelScaleAndStepsAreRead() {
        RolloutPlan plan = parser.parse(TARGET + """
                canaryScale: traffic
                steps:
                  - setCanaryScale: 2
                  - setWeight: 10
                  - setCanaryScale: traffic
                """, "plan.yaml");

        assertThat(plan.scale()).contains(new CanaryScale.MatchTraffic());
        assertThat(plan.steps()).containsExactly(new SetCanaryScaleStep(new CanaryScale.Replicas(2)), new SetWeightStep(10),
                new SetCanaryScaleStep(new CanaryScale.MatchTraffic()));
        assertThat(plan.steps().get(0).describe()).isEqualTo("setCanaryScale 2");
    }

    @Test
    void aPlanWithoutScaleLeavesTheCanarysReplicasAlone() {
        assertThat(parser.parse(TARGET + "steps: [{setWeight: 10}]\n", "plan.yaml").scale()).isEmpty();
    }

    static Stream<Arguments> badScales() {
        return Stream.of(
                Arguments.of("unknown plan scale", TARGET + """
                        canaryScale: half
                        steps: [{setWeight: 10}]
                        """, 2, "canaryScale", "'canaryScale': 'half' is not a canary scale; write 'traffic'"),
                Arguments.of("step scale of zero", TARGET + """
                        steps:
                          - setCanaryScale: 0
                        """, 3, "steps[0].setCanaryScale", "steps[0].setCanaryScale: a canary scale of 0 replicas is too small; give 1 or more"),
                Arguments.of("step scale as a map", TARGET + """
                        steps:
                          - setCanaryScale: {replicas: 2}
                        """, 3, "steps[0].setCanaryScale",
                        "steps[0].setCanaryScale: wrong kind of value, expected 'traffic' or a number of replicas;"
                                + " write it on one line, e.g. - setCanaryScale: traffic"),
                Arguments.of("step scale with a fraction", TARGET + """
                        steps:
                          - setCanaryScale: 1.5
                        """, 3, "steps[0].setCanaryScale", "wrong kind of value, expected 'traffic' or a number of replicas"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScales")
    void badScaleIsRejectedNamingLineAndField(String name, String yaml, int line, String path, String problem) {
        assertThatThrownBy(() -> parser.parse(yaml, "plan.yaml"))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> {
                    assertThat(e.line()).as("line of: %s", e.getMessage()).isEqualTo(line);
                    assertThat(e.path()).as("path of: %s", e.getMessage()).isEqualTo(path);
                    assertThat(e.getMessage()).contains(problem);
                });
    }
}
