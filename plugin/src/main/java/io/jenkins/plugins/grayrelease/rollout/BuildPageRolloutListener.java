package io.jenkins.plugins.grayrelease.rollout;

import hudson.model.Run;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.cluster.ReleaseSession;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.action.AnalysisEvidence;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import io.jenkins.plugins.grayrelease.core.analysis.Measurement;
import io.jenkins.plugins.grayrelease.core.analysis.judge.WeightHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.jenkins.plugins.grayrelease.core.rollout.ApprovalRequest;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutListener;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult;
import java.util.function.BooleanSupplier;

/**
 * Every routing change, analysis verdict and unanswered approval onto the build's Gray Release
 * page, so the page follows the rollout as it goes. (The console log gets the engine's own
 * narration next to it; see {@link RolloutListener#both}.)
 */
final class BuildPageRolloutListener implements RolloutListener {

    private final Run<?, ?> run;
    private final ReleaseSettings settings;
    private final BooleanSupplier detached;
    /** The weights written, drawn under the charts; the measurements of each analysis so far. */
    private final WeightHistory weights = new WeightHistory();
    private final Map<String, List<Measurement>> measurements = new HashMap<>();
    private static final int KEPT_MEASUREMENTS = 240;

    BuildPageRolloutListener(Run<?, ?> run, ReleaseSettings settings, BooleanSupplier detached) {
        this.run = run;
        this.settings = settings;
        this.detached = detached;
    }

    /** A run left over from before a restart must not write its stale record over the new one. */
    private void record(ReleaseStatus status, String what) {
        if (status != null && !detached.getAsBoolean()) {
            GrayReleaseAction.of(run).record(settings, status, ReleaseSession.buildActor(run).user(), what);
        }
    }

    @Override
    public void weightWritten(int canaryPercent, ReleaseStatus status) {
        weights.record(Instant.now(), canaryPercent);
        record(status, Messages.BuildPageRolloutListener_weight(canaryPercent));
    }

    /** The evidence so far, shown while the analysis measures (the background analysis calls from its own thread). */
    @Override
    public void analysisMeasured(String analysis, Measurement measurement) {
        List<Measurement> taken;
        synchronized (measurements) {
            taken = measurements.computeIfAbsent(analysis, a -> new ArrayList<>());
            taken.add(measurement);
            if (taken.size() > KEPT_MEASUREMENTS) {
                taken.remove(0); // a background analysis measures for hours: the page shows the recent ones
            }
            taken = List.copyOf(taken);
        }
        if (!detached.getAsBoolean()) {
            GrayReleaseAction.of(run).putEvidence(AnalysisEvidence.of(analysis, settings.label(), taken, null,
                    weights.changes()));
        }
    }

    @Override
    public void routingChanged(String change, ReleaseStatus status) {
        record(status, Messages.BuildPageRolloutListener_change(change));
    }

    @Override
    public void analysisFinished(String analysis, AnalysisVerdict verdict) {
        if (detached.getAsBoolean()) {
            return;
        }
        synchronized (measurements) {
            measurements.remove(analysis);
        }
        GrayReleaseAction.of(run).putEvidence(AnalysisEvidence.of(analysis, settings.label(), verdict.measurements(), verdict,
                weights.changes()));
        GrayReleaseAction.of(run).addHistory(Messages.BuildPageRolloutListener_analysisActor(), settings.label(),
                verdict.passed() ? Messages.BuildPageRolloutListener_analysisPassed(analysis, verdict.summary())
                        : Messages.BuildPageRolloutListener_analysisFailed(analysis, verdict.summary()));
    }

    @Override
    public void approvalRequested(ApprovalRequest request) {
        record(request.status(), null);
    }

    @Override
    public void decisionTaken(ApprovalRequest request, Decision decision) {
        if (decision.timedOut() && !detached.getAsBoolean()) {
            // A person's answer is already in the history (with their id); a timeout has nobody to name.
            GrayReleaseAction.of(run).addHistory(decision.decidedBy(), settings.label(),
                    Messages.BuildPageRolloutListener_unanswered(request.message(), decision.describe()));
        }
    }

    @Override
    public void runFinished(RolloutResult result) {
        record(result.status(), null);
    }
}
