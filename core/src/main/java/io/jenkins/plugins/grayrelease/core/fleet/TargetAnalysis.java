package io.jenkins.plugins.grayrelease.core.fleet;

import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisRunner;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import io.jenkins.plugins.grayrelease.core.analysis.MetricCheck;
import io.jenkins.plugins.grayrelease.core.analysis.MetricEvaluator;
import io.jenkins.plugins.grayrelease.core.analysis.QueryContext;
import io.jenkins.plugins.grayrelease.core.analysis.judge.JudgeContext;
import io.jenkins.plugins.grayrelease.core.analysis.judge.WeightHistory;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.rollout.plan.AnalysisStep;
import java.time.Clock;

/**
 * One analysis step of a wave, measured for one target: its canary's metrics (its namespace, service and version,
 * as the single-target runner names them) against the plan's thresholds.
 */
final class TargetAnalysis {

    private final MetricEvaluator evaluator;
    private final Clock clock;
    private final AnalysisRunner.Sleeper sleeper;

    TargetAnalysis(MetricEvaluator evaluator, Clock clock, AnalysisRunner.Sleeper sleeper) {
        this.evaluator = evaluator;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    AnalysisVerdict run(GrayRelease engine, FleetTarget fleetTarget, AnalysisStep step) throws InterruptedException {
        ReleaseTarget target = fleetTarget.target();
        String version = target.canaryVersion() != null ? target.canaryVersion() : engine.canaryMetricVersion(target);
        QueryContext canary = new QueryContext(target.namespace(), service(target.canary(), target), version == null ? "" : version,
                MetricCheck.DEFAULT_WINDOW);
        JudgeContext sides = null;
        if (step.settings().compare() != null) {
            String stableVersion = engine.stableMetricVersion(target);
            QueryContext stable = new QueryContext(target.namespace(), service(target.stable(), target),
                    stableVersion == null ? "" : stableVersion, MetricCheck.DEFAULT_WINDOW);
            sides = new JudgeContext(canary, stable, new WeightHistory());
        }
        return new AnalysisRunner(evaluator, clock, sleeper).run(step.settings().toStepSpec(), canary, sides, m -> { });
    }

    /** A side that is a host without subset is its own Service (two-Services layouts); else the target's service. */
    private static String service(Destination side, ReleaseTarget target) {
        return side != null && !side.hasSubset() ? side.host().split("\\.")[0] : target.service();
    }
}
