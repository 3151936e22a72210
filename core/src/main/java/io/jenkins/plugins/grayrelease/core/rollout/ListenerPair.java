package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import io.jenkins.plugins.grayrelease.core.analysis.Measurement;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.rollout.plan.Step;

/** Two listeners told of every event, the first one first; see {@link RolloutListener#both}. */
record ListenerPair(RolloutListener first, RolloutListener second) implements RolloutListener {

    @Override
    public void runStarted(RolloutPlan plan, int fromStep, boolean resumed) {
        first.runStarted(plan, fromStep, resumed);
        second.runStarted(plan, fromStep, resumed);
    }

    @Override
    public void stepStarted(int index, Step step) {
        first.stepStarted(index, step);
        second.stepStarted(index, step);
    }

    @Override
    public void stepFinished(int index, Step step) {
        first.stepFinished(index, step);
        second.stepFinished(index, step);
    }

    @Override
    public void weightWritten(int canaryPercent, ReleaseStatus status) {
        first.weightWritten(canaryPercent, status);
        second.weightWritten(canaryPercent, status);
    }

    @Override
    public void routingChanged(String change, ReleaseStatus status) {
        first.routingChanged(change, status);
        second.routingChanged(change, status);
    }

    @Override
    public void workloadProgress(String sentence) {
        first.workloadProgress(sentence);
        second.workloadProgress(sentence);
    }

    @Override
    public void analysisMeasured(String analysis, Measurement measurement) {
        first.analysisMeasured(analysis, measurement);
        second.analysisMeasured(analysis, measurement);
    }

    @Override
    public void analysisFinished(String analysis, AnalysisVerdict verdict) {
        first.analysisFinished(analysis, verdict);
        second.analysisFinished(analysis, verdict);
    }

    @Override
    public void approvalRequested(ApprovalRequest request) {
        first.approvalRequested(request);
        second.approvalRequested(request);
    }

    @Override
    public void decisionTaken(ApprovalRequest request, Decision decision) {
        first.decisionTaken(request, decision);
        second.decisionTaken(request, decision);
    }

    @Override
    public void runFinished(RolloutResult result) {
        first.runFinished(result);
        second.runFinished(result);
    }

    @Override
    public void note(String sentence) {
        first.note(sentence);
        second.note(sentence);
    }
}
