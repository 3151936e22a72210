package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.analysis.MetricEvaluator;
import io.jenkins.plugins.grayrelease.core.analysis.QueryContext;
import io.jenkins.plugins.grayrelease.core.analysis.judge.JudgeContext;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress.RunDigest;
import java.time.Clock;

/**
 * Everything one run needs, resolved before the first write.
 *
 * @param sides the canary's and the stable's metrics and the weights written, for the judge
 * @param analyses the finished analyses' verdicts, for the result
 * @param digest what this run's approvals are given for (plan and canary pod template)
 * @param answers answers recorded on the cluster for this run, or null when the run takes none (Jenkins)
 */
record RunContext(RolloutPlan plan, ReleaseTarget target, GrayRelease engine, RolloutListener listener,
        StopSignal signal, Clock analysisClock, MetricEvaluator evaluator, QueryContext queries,
        RolloutRunner.Settings settings, JudgeContext sides, java.util.List<AnalysisRecord> analyses,
        RunDigest digest, ClusterAnswers answers) {

    /** Keeps a finished analysis for the result; the background analysis adds from its own thread. */
    void recordAnalysis(String name, io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict verdict) {
        synchronized (analyses) {
            analyses.add(new AnalysisRecord(name, verdict));
        }
    }

    java.util.List<AnalysisRecord> analysisRecords() {
        synchronized (analyses) {
            return java.util.List.copyOf(analyses);
        }
    }

    /** Waits {@code duration} unless the run is stopped first. */
    void pause(java.time.Duration duration) {
        try {
            if (signal.await(duration)) {
                throw new RunStopped();
            }
        } catch (InterruptedException e) {
            signal.cancel();
            throw new RunStopped();
        }
    }

    /** This run's progress record for a step: with the run's id and digest, so that only this run resumes it. */
    RolloutProgress progress(int index, String stepKind, String stepState, String decision) {
        return new RolloutProgress(plan.name(), index, stepKind, stepState, decision).withRun(settings.runId(), digest);
    }
}
