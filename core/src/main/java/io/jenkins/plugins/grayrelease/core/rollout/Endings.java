package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import io.jenkins.plugins.grayrelease.core.analysis.MetricResult;
import io.jenkins.plugins.grayrelease.core.analysis.Outcome;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import java.util.Optional;
import java.util.stream.Collectors;

/** The ways a run ends early, shared by steps and the runner. */
final class Endings {
    private Endings() {}

    /** Rolls back because {@code verdict} failed; the message names the observed values and thresholds. */
    static RolloutResult rollBackForAnalysis(RunContext run, int index, AnalysisVerdict verdict) {
        OperationResult r = run.engine().rollback(run.target(), run.settings().write());
        run.listener().routingChanged("rolled back: all traffic to stable", r.status());
        String kind = index < run.plan().steps().size() ? run.plan().steps().get(index).kind() : "promote";
        ReleaseStatus recorded = run.engine().recordRollout(run.target(), new RolloutProgress(run.plan().name(),
                index, kind, RolloutProgress.DONE, null), Phase.ROLLED_BACK);
        String evidence = verdict.lastResults().stream().filter(m -> m.outcome() != Outcome.PASSED)
                .map(MetricResult::describe).collect(Collectors.joining("; "));
        return new RolloutResult(RolloutResult.Outcome.ROLLED_BACK_BY_ANALYSIS, index,
                "analysis failed (" + verdict.summary() + "): " + evidence + "; rolled back, all traffic on stable",
                recorded, Optional.of(verdict), Optional.empty());
    }

    /**
     * Rolls back because the canary stopped being ready (or was refused traffic for not being ready);
     * the message names the Deployment, its numbers and the pods' reason. Ends like a failed analysis.
     */
    static RolloutResult rollBackForNotReady(RunContext run, int index, io.jenkins.plugins.grayrelease.core.errors.WorkloadNotReadyException e) {
        OperationResult r = run.engine().rollback(run.target(), run.settings().write());
        run.listener().routingChanged("rolled back: all traffic to stable", r.status());
        String kind = index < run.plan().steps().size() ? run.plan().steps().get(index).kind() : "promote";
        ReleaseStatus recorded = run.engine().recordRollout(run.target(), new RolloutProgress(run.plan().name(),
                index, kind, RolloutProgress.DONE, null), Phase.ROLLED_BACK);
        return new RolloutResult(RolloutResult.Outcome.ROLLED_BACK_BY_ANALYSIS, index,
                "canary not ready: " + e.object() + ": " + e.problem() + "; rolled back, all traffic on stable",
                recorded, Optional.empty(), Optional.empty());
    }

    static String split(ReleaseStatus status) {
        if (status == null || status.weights() == null) {
            return "an unknown split";
        }
        return "stable " + status.weights().stable() + " % / canary " + status.weights().canary() + " %";
    }
}
