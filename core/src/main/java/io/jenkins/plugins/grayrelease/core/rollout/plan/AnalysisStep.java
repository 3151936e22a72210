package io.jenkins.plugins.grayrelease.core.rollout.plan;

import io.jenkins.plugins.grayrelease.core.support.Counted;
import com.fasterxml.jackson.annotation.JsonCreator;

/** {@code - analysis: {...}}: measure the canary; a failed analysis rolls the release back. */
public record AnalysisStep(AnalysisSettings settings) implements Step {
    public static final String KIND = "analysis";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public AnalysisStep {
        Checks.required(settings, KIND);
        settings.checkCanFail();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        var spec = settings.toStepSpec();
        String what = spec.metrics().isEmpty() ? "" : " of " + Counted.of(spec.metrics().size(), "metric", "metrics");
        if (spec.compare() != null) {
            what += (what.isEmpty() ? " comparing" : " and comparing") + " canary with stable ("
                    + spec.compare().checks().stream().map(c -> c.planName()).collect(java.util.stream.Collectors.joining(", "))
                    + ")";
        }
        return KIND + what + ", " + Counted.of(spec.count(), "measurement", "measurements");
    }

    @Override
    public boolean waits() {
        return false;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.analysis(this);
    }
}
