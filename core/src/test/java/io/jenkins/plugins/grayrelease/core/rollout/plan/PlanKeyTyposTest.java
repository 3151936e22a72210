package io.jenkins.plugins.grayrelease.core.rollout.plan;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.grayrelease.core.errors.InvalidPlanException;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 part 2: a misspelled key is reported as the typo it is, with the key it resembles
 * (which also explains a required key that seems missing), and a step with two kinds says so.
 * On main these said "'service' is required", "'steps' needs at least one step" and "wrong kind
 * of value, expected a  section".
 */
class PlanKeyTyposTest {
    private final PlanParser parser = new PlanParser();

    private static final String TARGET = PlanParserTest.TARGET;

    @Test
    void aMisspelledRequiredKeyInASectionIsTheUnknownKeyWithItsSuggestion() {
        assertThatThrownBy(() -> parser.parse("""
                target:
                  namespace: shop
                  servce: reviews
                  stable: v1
                  canary: v2
                steps: [{setWeight: 10}]
                """, "plan.yaml")).isInstanceOf(InvalidPlanException.class)
                .hasMessage("plan.yaml line 3, column 3: target.servce: unknown key 'servce' in target; did you mean 'service'?"
                        + " ('service' is required). allowed in target: canary, canaryVersion, destinationRule, httpRoute,"
                        + " layout, namespace, readinessGate, route, service, stable, virtualService");
    }

    @Test
    void aMisspelledStepsKeyIsTheUnknownKeyWithItsSuggestion() {
        assertThatThrownBy(() -> parser.parse(TARGET + """
                stepz:
                  - setWeight: 10
                """, "plan.yaml"))
                .hasMessage("plan.yaml line 2, column 1: stepz: unknown key 'stepz' at the top level; did you mean 'steps'?"
                        + " ('steps' is required). allowed at the top level: analysis, canaryScale, name, prometheus, steps, target, targets, waves");
    }

    @Test
    void anUnknownKeyDeepInAStepIsFoundWithItsSuggestion() {
        assertThatThrownBy(() -> parser.parse(TARGET + PlanParserTest.PROMETHEUS + """
                steps:
                  - analysis:
                      metrics:
                        - {name: sr, templat: successRate, min: 99}
                """, "plan.yaml"))
                .hasMessageStartingWith("plan.yaml line 6, column ")
                .hasMessageContaining(": steps[0].analysis.metrics[0].templat: unknown key 'templat' in steps[0].analysis.metrics[0];"
                        + " did you mean 'template'? allowed in steps[0].analysis.metrics[0]: ");
    }

    @Test
    void aStepWithTwoKindsSaysSoInASentence() {
        assertThatThrownBy(() -> parser.parse(TARGET + """
                steps:
                  - setWeight: 10
                  - setWeight: 20
                    pause: 1m
                """, "plan.yaml"))
                .hasMessage("plan.yaml line 4, column 5: steps[1]: a step has one kind, this one has 2: 'setWeight' and 'pause'."
                        + " each step is one of setWeight, pause, approval, analysis, testers, mirror, setCanaryScale;"
                        + " put each on its own '- ' line");
    }

    @Test
    void aStepThatIsNotAMapSaysWhatAStepIs() {
        assertThatThrownBy(() -> parser.parse(TARGET + "steps: [5]\n", "plan.yaml"))
                .hasMessage("plan.yaml line 2, column 9: steps[0]: wrong kind of value, expected a step of one kind, such as"
                        + " setWeight: 10. see docs/plans.md for this field's form");
    }

    @Test
    void aMisspelledStepKindGetsASuggestion() {
        assertThatThrownBy(() -> parser.parse(TARGET + "steps:\n  - setWieght: 10\n", "plan.yaml"))
                .hasMessage("plan.yaml line 3, column 5: steps[0].setWieght: unknown step 'setWieght'; did you mean 'setWeight'?"
                        + " a step is one of: setWeight, pause, approval, analysis, testers, mirror, setCanaryScale");
    }
}
