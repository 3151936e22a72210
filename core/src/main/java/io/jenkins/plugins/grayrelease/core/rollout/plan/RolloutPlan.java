package io.jenkins.plugins.grayrelease.core.rollout.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.jenkins.plugins.grayrelease.core.workload.CanaryScale;
import java.util.List;
import java.util.Optional;

/**
 * A parsed, valid rollout plan. Read it with {@link PlanParser}.
 *
 * @param name recorded in the release state so a resumed run knows it is the same plan;
 *     defaults to {@code <service>-<canary>}
 * @param prometheus required when any analysis is present
 * @param analysis the background analysis, measuring for the whole rollout; may be null
 * @param canaryScale how the canary Deployment is scaled while traffic shifts ({@code traffic} or
 *     a number of replicas, see {@link CanaryScale}); null leaves its replicas alone
 */
public record RolloutPlan(String name, TargetSpec target, PrometheusSpec prometheus, AnalysisSettings analysis,
        String canaryScale, List<Step> steps) {

    /** A plan that leaves the canary's replicas alone. */
    public RolloutPlan(String name, TargetSpec target, PrometheusSpec prometheus, AnalysisSettings analysis, List<Step> steps) {
        this(name, target, prometheus, analysis, null, steps);
    }

    @JsonCreator
    public RolloutPlan {
        Checks.required(target, "target");
        if (steps == null || steps.isEmpty()) {
            throw new FieldProblem("steps", "'steps' needs at least one step");
        }
        steps = List.copyOf(steps);
        if (canaryScale != null) {
            try {
                canaryScale = CanaryScale.parse(canaryScale).text();
            } catch (IllegalArgumentException e) {
                throw new FieldProblem("canaryScale", "'canaryScale': " + e.getMessage(), e);
            }
        }
        if (name == null || name.isBlank()) {
            name = target.service() + "-" + target.canary().toDestination(target.service()).label();
        }
        if (analysis != null && analysis.count() != null) {
            throw new FieldProblem("analysis.count", "'analysis.count': the background analysis measures until the"
                    + " rollout ends; remove count, or make it an analysis step");
        }
        boolean needsPrometheus = analysis != null || steps.stream().anyMatch(AnalysisStep.class::isInstance);
        if (needsPrometheus && prometheus == null) {
            throw new IllegalArgumentException("the plan analyses metrics but has no 'prometheus' section;"
                    + " add prometheus: {url: <your Prometheus server's URL>}");
        }
        if (needsPrometheus && target.canaryVersion() == null && target.canary().toDestination(target.service()).subset() == null) {
            throw new FieldProblem("target.canaryVersion", "'target.canaryVersion' is required for analysis when the canary"
                    + " is a host without subset: give the canary's destination_version label");
        }
    }

    /** How the canary is scaled from the start, or empty when the plan leaves its replicas alone. */
    public Optional<CanaryScale> scale() {
        return Optional.ofNullable(canaryScale).map(CanaryScale::parse);
    }

    /**
     * The scale in force when step {@code index} starts: the last {@code setCanaryScale} before it,
     * else the plan's {@code canaryScale}. A resumed run finds it again from the plan alone.
     */
    public Optional<CanaryScale> scaleAt(int index) {
        for (int i = Math.min(index, steps.size()) - 1; i >= 0; i--) {
            if (steps.get(i) instanceof SetCanaryScaleStep s) {
                return Optional.of(s.scale());
            }
        }
        return scale();
    }

    public Optional<AnalysisSettings> backgroundAnalysis() {
        return Optional.ofNullable(analysis);
    }

    /** True when the plan measures metrics: a background analysis or any analysis step. */
    public boolean analysesMetrics() {
        return analysis != null || steps.stream().anyMatch(AnalysisStep.class::isInstance);
    }
}
