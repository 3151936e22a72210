package io.jenkins.plugins.grayrelease.rollout;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.cluster.ReleaseSession;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import io.jenkins.plugins.grayrelease.core.analysis.Measurement;
import io.jenkins.plugins.grayrelease.core.rollout.ApprovalRequest;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.core.rollout.PrintingRolloutListener;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutListener;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.rollout.plan.Step;

/**
 * Progress into the console log (the engine's own wording, as grayctl prints it) and every routing
 * change onto the build's Gray Release page, so the page follows the rollout as it goes.
 */
final class BuildPageRolloutListener implements RolloutListener {

    private final RolloutListener console;
    private final Run<?, ?> run;
    private final ReleaseSettings settings;

    BuildPageRolloutListener(Run<?, ?> run, TaskListener listener, ReleaseSettings settings) {
        this.console = new PrintingRolloutListener(listener.getLogger());
        this.run = run;
        this.settings = settings;
    }

    private void record(ReleaseStatus status, String what) {
        if (status != null) {
            GrayReleaseAction.of(run).record(settings, status, ReleaseSession.buildActor(run).user(), what);
        }
    }

    @Override
    public void runStarted(RolloutPlan plan, int fromStep, boolean resumed) {
        console.runStarted(plan, fromStep, resumed);
    }

    @Override
    public void stepStarted(int index, Step step) {
        console.stepStarted(index, step);
    }

    @Override
    public void stepFinished(int index, Step step) {
        console.stepFinished(index, step);
    }

    @Override
    public void weightWritten(int canaryPercent, ReleaseStatus status) {
        console.weightWritten(canaryPercent, status);
        record(status, "rollout: set canary weight to " + canaryPercent + " %");
    }

    @Override
    public void routingChanged(String change, ReleaseStatus status) {
        console.routingChanged(change, status);
        record(status, "rollout: " + change);
    }

    @Override
    public void analysisMeasured(String analysis, Measurement measurement) {
        console.analysisMeasured(analysis, measurement);
    }

    @Override
    public void analysisFinished(String analysis, AnalysisVerdict verdict) {
        console.analysisFinished(analysis, verdict);
        GrayReleaseAction.of(run).addHistory("(analysis)", settings.label(),
                "analysis " + analysis + (verdict.passed() ? " passed: " : " FAILED: ") + verdict.summary());
    }

    @Override
    public void approvalRequested(ApprovalRequest request) {
        console.approvalRequested(request);
        record(request.status(), null);
    }

    @Override
    public void decisionTaken(ApprovalRequest request, Decision decision) {
        console.decisionTaken(request, decision);
        if (decision.timedOut()) {
            // A person's answer is already in the history (with their id); a timeout has nobody to name.
            GrayReleaseAction.of(run).addHistory("(timeout)", settings.label(), "nobody answered \"" + request.message()
                    + "\" in time: " + decision.describe());
        }
    }

    @Override
    public void runFinished(RolloutResult result) {
        console.runFinished(result);
        record(result.status(), null);
    }
}
