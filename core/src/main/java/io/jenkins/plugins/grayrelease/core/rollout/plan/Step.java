package io.jenkins.plugins.grayrelease.core.rollout.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One step of a plan. In YAML each step is a one-key map whose key is the step's kind:
 * {@code - setWeight: 10}, {@code - pause: 5m}, {@code - approval: {...}}, {@code - analysis: {...}},
 * {@code - testers: {...}}, {@code - mirror: 20}, {@code - setCanaryScale: traffic}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({
    @JsonSubTypes.Type(value = SetWeightStep.class, name = SetWeightStep.KIND),
    @JsonSubTypes.Type(value = PauseStep.class, name = PauseStep.KIND),
    @JsonSubTypes.Type(value = ApprovalStep.class, name = ApprovalStep.KIND),
    @JsonSubTypes.Type(value = AnalysisStep.class, name = AnalysisStep.KIND),
    @JsonSubTypes.Type(value = TestersStep.class, name = TestersStep.KIND),
    @JsonSubTypes.Type(value = MirrorStep.class, name = MirrorStep.KIND),
    @JsonSubTypes.Type(value = SetCanaryScaleStep.class, name = SetCanaryScaleStep.KIND)
})
public sealed interface Step permits SetWeightStep, PauseStep, ApprovalStep, AnalysisStep, TestersStep, MirrorStep,
        SetCanaryScaleStep {
    /** All step kinds, in the order docs/plans.md documents them. */
    java.util.List<String> KINDS = java.util.List.of(SetWeightStep.KIND, PauseStep.KIND, ApprovalStep.KIND,
            AnalysisStep.KIND, TestersStep.KIND, MirrorStep.KIND, SetCanaryScaleStep.KIND);

    /** The step's key in the plan file; recorded in the release state. */
    String kind();

    /** One line for progress logs, e.g. {@code setWeight 10}. */
    String describe();

    /** True when the step waits (for time or for a person): the release is recorded as paused meanwhile. */
    boolean waits();

    /** Hands this step to the visitor's method for its kind. */
    <R> R accept(Visitor<R> visitor);

    /**
     * Something done per step kind: the one place where the kinds are told apart. A new kind of
     * step adds a method here, and the compiler then names every place that must handle it.
     *
     * @param <R> what handling a step gives
     */
    interface Visitor<R> {
        R setWeight(SetWeightStep step);

        R pause(PauseStep step);

        R approval(ApprovalStep step);

        R analysis(AnalysisStep step);

        R testers(TestersStep step);

        R mirror(MirrorStep step);

        R setCanaryScale(SetCanaryScaleStep step);
    }
}
