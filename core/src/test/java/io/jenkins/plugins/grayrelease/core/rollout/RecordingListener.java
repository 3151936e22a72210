package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import io.jenkins.plugins.grayrelease.core.analysis.Measurement;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.rollout.plan.Step;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** Keeps what a user would see (the printed log) and the events a test asserts on. */
final class RecordingListener implements RolloutListener {
    private final StringBuffer printed = new StringBuffer();
    private final RolloutNarration printer = new RolloutNarration(line -> printed.append(line).append('\n'));

    final List<Integer> weights = new CopyOnWriteArrayList<>();
    final List<Measurement> measurements = new CopyOnWriteArrayList<>();
    final List<Decision> decisions = new CopyOnWriteArrayList<>();
    final List<Integer> startedSteps = new CopyOnWriteArrayList<>();
    volatile boolean resumed;
    volatile long failedAnalysisAt;
    volatile long rolledBackAt;
    /** Runs at the start of each step, e.g. to look at the cluster or to simulate a crash. */
    volatile BiConsumer<Integer, Step> onStepStarted = (i, s) -> { };

    String log() {
        return printed.toString();
    }

    @Override
    public void runStarted(RolloutPlan plan, int fromStep, boolean resumedRun) {
        resumed = resumedRun;
        printer.runStarted(plan, fromStep, resumedRun);
    }

    @Override
    public void stepStarted(int index, Step step) {
        startedSteps.add(index);
        printer.stepStarted(index, step);
        onStepStarted.accept(index, step);
    }

    @Override
    public void stepFinished(int index, Step step) {
        printer.stepFinished(index, step);
    }

    @Override
    public void weightWritten(int canaryPercent, ReleaseStatus status) {
        weights.add(canaryPercent);
        printer.weightWritten(canaryPercent, status);
    }

    @Override
    public void routingChanged(String change, ReleaseStatus status) {
        if (change.startsWith("rolled back")) {
            rolledBackAt = System.nanoTime();
        }
        printer.routingChanged(change, status);
    }

    @Override
    public void analysisMeasured(String analysis, Measurement measurement) {
        measurements.add(measurement);
        printer.analysisMeasured(analysis, measurement);
    }

    @Override
    public void analysisFinished(String analysis, AnalysisVerdict verdict) {
        if (!verdict.passed()) {
            failedAnalysisAt = System.nanoTime();
        }
        printer.analysisFinished(analysis, verdict);
    }

    @Override
    public void approvalRequested(ApprovalRequest request) {
        printer.approvalRequested(request);
    }

    @Override
    public void decisionTaken(ApprovalRequest request, Decision decision) {
        decisions.add(decision);
        printer.decisionTaken(request, decision);
    }

    @Override
    public void runFinished(RolloutResult result) {
        printer.runFinished(result);
    }

    @Override
    public void note(String sentence) {
        printer.note(sentence);
    }
}
