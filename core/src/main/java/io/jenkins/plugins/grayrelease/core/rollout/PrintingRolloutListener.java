package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import io.jenkins.plugins.grayrelease.core.analysis.Durations;
import io.jenkins.plugins.grayrelease.core.analysis.Measurement;
import io.jenkins.plugins.grayrelease.core.analysis.MetricResult;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.rollout.plan.Step;
import java.io.PrintStream;

/**
 * Writes progress as plain lines, one event per line, for a terminal (grayctl, on stderr) or a
 * Jenkins console log. Synchronized: the background analysis reports from its own thread.
 */
public final class PrintingRolloutListener implements RolloutListener {
    private final PrintStream out;
    private int steps;

    public PrintingRolloutListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void runStarted(RolloutPlan plan, int fromStep, boolean resumed) {
        steps = plan.steps().size();
        out.println(resumed
                ? "Resuming rollout " + plan.name() + " at step " + (fromStep + 1) + " of " + steps
                        + " (recorded in the release state)"
                : "Rollout " + plan.name() + ": " + steps + " steps for " + plan.target().namespace() + "/"
                        + plan.target().service());
    }

    @Override
    public synchronized void stepStarted(int index, Step step) {
        out.println("[" + (index + 1) + "/" + steps + "] " + step.describe());
    }

    @Override
    public synchronized void stepFinished(int index, Step step) {
        out.println("[" + (index + 1) + "/" + steps + "] done");
    }

    @Override
    public synchronized void weightWritten(int canaryPercent, ReleaseStatus status) {
        out.println("  weight: canary " + canaryPercent + " %, stable " + (100 - canaryPercent) + " %");
    }

    @Override
    public synchronized void routingChanged(String change, ReleaseStatus status) {
        out.println("  " + change);
    }

    @Override
    public synchronized void analysisMeasured(String analysis, Measurement measurement) {
        out.println("  analysis (" + analysis + ") measurement " + measurement.number() + ": "
                + measurement.outcome());
        for (MetricResult r : measurement.results()) {
            out.println("    " + r.describe());
        }
    }

    @Override
    public synchronized void analysisFinished(String analysis, AnalysisVerdict verdict) {
        out.println("  analysis (" + analysis + ") " + (verdict.passed() ? "passed" : "FAILED") + ": "
                + verdict.summary());
    }

    @Override
    public synchronized void approvalRequested(ApprovalRequest request) {
        out.println("  waiting for approval: " + request.message()
                + request.timeout().map(d -> " (timeout " + Durations.format(d) + ")").orElse(""));
    }

    @Override
    public synchronized void decisionTaken(ApprovalRequest request, Decision decision) {
        out.println("  decision: " + decision.describe() + " by " + decision.decidedBy()
                + (decision.timedOut() ? " (nobody answered in time)" : ""));
    }

    @Override
    public synchronized void runFinished(RolloutResult result) {
        out.println(result.outcome() + ": " + result.message());
    }
}
