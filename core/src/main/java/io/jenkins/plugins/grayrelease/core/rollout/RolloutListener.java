package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import io.jenkins.plugins.grayrelease.core.analysis.Measurement;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.rollout.plan.Step;

/**
 * Progress of a rollout, for people: the CLI prints it on stderr, Jenkins writes it to the
 * console log. Called on the runner's thread, except {@link #analysisMeasured} for the
 * background analysis, which comes from its own thread. Every method has a do-nothing default.
 */
public interface RolloutListener {

    /** One listener telling {@code first} and then {@code second} of every event (e.g. a log and a page). */
    static RolloutListener both(RolloutListener first, RolloutListener second) {
        return new ListenerPair(first, second);
    }

    /** @param fromStep 0 for a new run; the recorded step for a resumed one */
    default void runStarted(RolloutPlan plan, int fromStep, boolean resumed) {}

    default void stepStarted(int index, Step step) {}

    default void stepFinished(int index, Step step) {}

    /** The managed route now sends {@code canaryPercent} to the canary. */
    default void weightWritten(int canaryPercent, ReleaseStatus status) {}

    /** Another routing change: tester route, mirror, promotion, roll back. */
    default void routingChanged(String change, ReleaseStatus status) {}

    /**
     * The canary's Deployment changed how many replicas it runs, or how many of its pods are ready
     * while the run waits for them ("2 of 3 canary pods ready").
     */
    default void workloadProgress(String sentence) {}

    /**
     * One measurement with the observed values and thresholds.
     *
     * @param analysis "step N" or "background"
     */
    default void analysisMeasured(String analysis, Measurement measurement) {}

    default void analysisFinished(String analysis, AnalysisVerdict verdict) {}

    /** Waiting for an approval; {@code request} says what is asked. */
    default void approvalRequested(ApprovalRequest request) {}

    default void decisionTaken(ApprovalRequest request, Decision decision) {}

    default void runFinished(RolloutResult result) {}

    /** A sentence about the run that is none of the events above (why it starts over, how to answer from another shell). */
    default void note(String sentence) {}
}
