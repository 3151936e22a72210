package io.jenkins.plugins.grayrelease.core.rollout.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of a plan's {@code waves}: which targets move together and the steps they take. A target is named by its
 * id ({@code eu-1/shop/reviews}), by {@code cluster/service}, or by its cluster alone (every target of that cluster).
 *
 * @param name    shown in progress and approvals; null: {@code wave N}
 * @param targets the wave's targets
 * @param steps   the steps, as in a plan's {@code steps}; one weight step writes every target of the wave
 */
public record WaveSpec(String name, List<String> targets, List<Step> steps) {

    @JsonCreator
    public WaveSpec(@JsonProperty("name") String name, @JsonProperty("targets") List<String> targets,
            @JsonProperty("steps") List<Step> steps) {
        // Missing lists are reported by the plan (PlanTargets), after Jackson has had its say about unknown keys.
        targets = targets == null ? List.of() : targets;
        steps = steps == null ? List.of() : steps;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof SetCanaryScaleStep) {
                throw new FieldProblem("steps[" + i + "]", "'setCanaryScale' is not supported in a wave yet;"
                        + " scale each canary before the fleet release (grayctl deploy --replicas)");
            }
        }
        this.name = name;
        this.targets = List.copyOf(targets);
        this.steps = List.copyOf(steps);
    }
}
