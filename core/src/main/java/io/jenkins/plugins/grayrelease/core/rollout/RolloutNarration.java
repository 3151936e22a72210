package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import io.jenkins.plugins.grayrelease.core.support.Durations;
import io.jenkins.plugins.grayrelease.core.analysis.Measurement;
import io.jenkins.plugins.grayrelease.core.analysis.MetricResult;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.rollout.plan.Step;
import java.util.function.Consumer;

/**
 * The engine's wording of a rollout's progress: one plain line per event (and one per metric of
 * a measurement), handed to a sink that shows it — grayctl's stderr, a Jenkins console log.
 * Synchronized, so lines never interleave: the background analysis reports from its own thread.
 */
public final class RolloutNarration implements RolloutListener {

    /** Where the lines go; called once per line, in order. */
    private final Consumer<String> out;
    private int steps;

    public RolloutNarration(Consumer<String> lines) {
        this.out = lines;
    }

    @Override
    public synchronized void runStarted(RolloutPlan plan, int fromStep, boolean resumed) {
        steps = plan.steps().size();
        out.accept(resumed
                ? "Resuming rollout " + plan.name() + " at step " + (fromStep + 1) + " of " + steps
                        + " (recorded in the release state)"
                : "Rollout " + plan.name() + ": " + steps + " steps for " + plan.target().namespace() + "/"
                        + plan.target().service());
    }

    @Override
    public synchronized void stepStarted(int index, Step step) {
        out.accept("[" + (index + 1) + "/" + steps + "] " + step.describe());
    }

    @Override
    public synchronized void stepFinished(int index, Step step) {
        out.accept("[" + (index + 1) + "/" + steps + "] done");
    }

    @Override
    public synchronized void weightWritten(int canaryPercent, ReleaseStatus status) {
        out.accept("  weight: canary " + canaryPercent + " %, stable " + (100 - canaryPercent) + " %");
    }

    @Override
    public synchronized void routingChanged(String change, ReleaseStatus status) {
        out.accept("  " + change);
    }

    @Override
    public synchronized void workloadProgress(String sentence) {
        out.accept("  " + sentence);
    }

    @Override
    public synchronized void analysisMeasured(String analysis, Measurement measurement) {
        out.accept("  analysis (" + analysis + ") measurement " + measurement.number() + ": "
                + measurement.outcome());
        for (MetricResult r : measurement.results()) {
            out.accept("    " + r.describe());
        }
        for (Comparison c : measurement.comparisons()) {
            out.accept("    " + c.describe());
        }
    }

    @Override
    public synchronized void analysisFinished(String analysis, AnalysisVerdict verdict) {
        out.accept("  analysis (" + analysis + ") " + (verdict.passed() ? "passed" : "FAILED") + ": "
                + verdict.summary());
    }

    @Override
    public synchronized void approvalRequested(ApprovalRequest request) {
        out.accept("  waiting for approval: " + request.message()
                + request.timeout().map(d -> " (timeout " + Durations.format(d) + ")").orElse(""));
    }

    @Override
    public synchronized void decisionTaken(ApprovalRequest request, Decision decision) {
        out.accept("  decision: " + decision.describe() + " by " + decision.decidedBy()
                + (decision.timedOut() ? " (nobody answered in time)" : ""));
    }

    @Override
    public synchronized void runFinished(RolloutResult result) {
        out.accept(result.outcome() + ": " + result.message());
    }

    @Override
    public synchronized void note(String sentence) {
        out.accept("  " + sentence);
    }
}
