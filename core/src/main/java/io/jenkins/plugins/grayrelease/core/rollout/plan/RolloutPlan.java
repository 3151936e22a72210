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
 * @param targets a fleet plan's targets (see {@link FleetTargetSpec}), or null: the plan releases {@code target} alone
 * @param waves a fleet plan's waves (see {@link WaveSpec}), or null: one wave of every target taking {@code steps}
 */
public record RolloutPlan(String name, TargetSpec target, PrometheusSpec prometheus, AnalysisSettings analysis,
        String canaryScale, List<Step> steps, List<FleetTargetSpec> targets, List<WaveSpec> waves) {

    /** A plan that leaves the canary's replicas alone. */
    public RolloutPlan(String name, TargetSpec target, PrometheusSpec prometheus, AnalysisSettings analysis, List<Step> steps) {
        this(name, target, prometheus, analysis, null, steps);
    }

    /** A plan of one target. */
    public RolloutPlan(String name, TargetSpec target, PrometheusSpec prometheus, AnalysisSettings analysis,
            String canaryScale, List<Step> steps) {
        this(name, target, prometheus, analysis, canaryScale, steps, null, null);
    }

    @JsonCreator
    public RolloutPlan {
        if (waves != null && targets == null) {
            throw new FieldProblem("waves", "'waves' moves the plan's 'targets', which are missing; list them under 'targets'");
        }
        if (targets != null && targets.isEmpty()) {
            throw new FieldProblem("targets", "'targets' needs at least one target");
        }
        if (targets == null) {
            Checks.required(target, "target");
        }
        if (waves == null && (steps == null || steps.isEmpty())) {
            throw new FieldProblem("steps", "'steps' needs at least one step");
        }
        steps = steps == null ? List.of() : List.copyOf(steps);
        PlanTargets fleet = targets == null ? null : PlanTargets.resolve(target, targets, waves, steps);
        if (fleet != null && canaryScale != null) {
            throw new FieldProblem("canaryScale", "'canaryScale' is not supported in a plan with 'targets' yet;"
                    + " scale each canary before the fleet release (grayctl deploy --replicas)");
        }
        if (fleet != null && analysis != null) {
            throw new FieldProblem("analysis", "a background 'analysis' is not supported in a plan with 'targets' yet;"
                    + " put analysis steps into the waves");
        }
        if (canaryScale != null) {
            try {
                canaryScale = CanaryScale.parse(canaryScale).text();
            } catch (IllegalArgumentException e) {
                throw new FieldProblem("canaryScale", "'canaryScale': " + e.getMessage(), e);
            }
        }
        if (name == null || name.isBlank()) {
            TargetSpec first = fleet == null ? target : fleet.targets().get(0).target();
            name = first.service() + "-" + first.canary().toDestination(first.service()).label();
        }
        if (analysis != null && analysis.count() != null) {
            throw new FieldProblem("analysis.count", "'analysis.count': the background analysis measures until the"
                    + " rollout ends; remove count, or make it an analysis step");
        }
        boolean needsPrometheus = analysis != null || steps.stream().anyMatch(AnalysisStep.class::isInstance)
                || (waves != null && waves.stream().anyMatch(w -> w.steps().stream().anyMatch(AnalysisStep.class::isInstance)));
        if (needsPrometheus && prometheus == null) {
            throw new IllegalArgumentException("the plan analyses metrics but has no 'prometheus' section;"
                    + " add prometheus: {url: <your Prometheus server's URL>}");
        }
        List<TargetSpec> released = fleet == null ? List.of(target) : fleet.targets().stream().map(PlanTargets.Target::target).toList();
        for (TargetSpec t : released) {
            if (needsPrometheus && t.canaryVersion() == null && t.canary().toDestination(t.service()).subset() == null) {
                throw new FieldProblem("target.canaryVersion", "'target.canaryVersion' is required for analysis when the canary"
                        + " is a host without subset: give the canary's destination_version label");
            }
        }
    }

    /** Whether the plan releases several targets ({@code targets}, and maybe {@code waves}). */
    public boolean isFleet() {
        return targets != null;
    }

    /**
     * A fleet plan's targets and waves, resolved (every target complete, in exactly one wave).
     *
     * @throws IllegalStateException for a plan of one target
     */
    public PlanTargets fleet() {
        if (targets == null) {
            throw new IllegalStateException("plan " + name + " releases one target; it has no 'targets'");
        }
        return PlanTargets.resolve(target, targets, waves, steps);
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
        return analysis != null || steps.stream().anyMatch(AnalysisStep.class::isInstance)
                || (waves != null && waves.stream().anyMatch(w -> w.steps().stream().anyMatch(AnalysisStep.class::isInstance)));
    }
}
