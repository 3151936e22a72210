package io.jenkins.plugins.grayrelease.core.rollout.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.grayrelease.core.workload.CanaryScale;

/**
 * {@code - setCanaryScale: 3} or {@code - setCanaryScale: traffic}: from this step on the canary
 * Deployment runs that many replicas, or replicas following its share of traffic. The step scales
 * at once and waits until the pods are ready; later weight changes keep to it.
 */
public record SetCanaryScaleStep(CanaryScale scale) implements Step {
    public static final String KIND = "setCanaryScale";

    public SetCanaryScaleStep {
        Checks.required(scale, KIND);
    }

    /** Reads the step's one value: the word {@code traffic} or a whole number, nothing else. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SetCanaryScaleStep of(JsonNode value) {
        if (!value.isTextual() && !value.isIntegralNumber()) {
            throw new IllegalArgumentException("wrong kind of value, expected 'traffic' or a number of replicas;"
                    + " write it on one line, e.g. - setCanaryScale: traffic");
        }
        return new SetCanaryScaleStep(CanaryScale.parse(value.asText()));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return KIND + " " + scale.text();
    }

    @Override
    public boolean waits() {
        return false;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.setCanaryScale(this);
    }
}
