package io.jenkins.plugins.grayrelease.core.fleet;

import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import io.jenkins.plugins.grayrelease.core.rollout.ClusterAnswers;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.core.rollout.plan.ApprovalStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A wave's approval as the members' records show it while it waits, the way a single-target rollout records its
 * own: phase PAUSED and the question with its choices. {@code grayctl status} on any member shows it, and
 * {@code grayctl decide} on any member records an answer there (checked by {@code ClusterDecision} as for a single
 * target); a watch on each member hands that answer to the waiting run. Only members whose record already names
 * this fleet release are written: a routing object the release has not reached yet is left untouched.
 */
final class FleetApprovalRecord implements AutoCloseable {

    private final FleetRelease release;
    private final FleetListener listener;
    private final String plan;
    private final String runId;
    private final int step;
    private final List<FleetTarget> members;
    private final ClusterAnswers answers;
    private final CompletableFuture<Decision> answer = new CompletableFuture<>();
    private final List<AutoCloseable> watches = new ArrayList<>();
    private Decision decision;

    private FleetApprovalRecord(FleetRelease release, FleetListener listener, String plan, String runId, int step,
            List<FleetTarget> members) {
        this.release = release;
        this.listener = listener;
        this.plan = plan;
        this.runId = runId;
        this.step = step;
        this.members = members;
        this.answers = new ClusterAnswers(runId);
    }

    /**
     * Records the question on every member this release has written and, when it may be answered on the cluster
     * ({@code answerAt} null), starts watching them for the answer.
     *
     * @param answerAt where else it is answered (a Jenkins build's URL: then only there), or null
     */
    static FleetApprovalRecord open(FleetRelease release, FleetListener listener, String plan, FleetWave wave, int step,
            ApprovalStep approval, String answerAt, Clock clock) {
        String fleetId = release.fleet().id();
        // One run id per wave: an answer to wave 1's step 2 can never be taken for wave 2's step 2.
        String runId = fleetId + "/wave-" + (wave.index() + 1);
        List<FleetTarget> members = release.status().rows().stream().filter(r -> namesFleet(r.status(), fleetId))
                .map(FleetStatus.Row::target).toList();
        FleetApprovalRecord record = new FleetApprovalRecord(release, listener, plan, runId, step, members);
        RolloutProgress.Question question = new RolloutProgress.Question(approval.message(), approval.allowed().stream()
                .map(DecisionKind::planName).sorted().toList(),
                approval.timeoutDuration().map(d -> clock.instant().plus(d)).orElse(null), answerAt);
        record.write(new RolloutProgress(plan, step, approval.kind(), RolloutProgress.RUNNING, null).withRun(runId, null)
                .withQuestion(question), Phase.PAUSED, "the waiting approval");
        if (question.answerableFromCluster()) {
            record.answers.await(step, record.answer);
            for (FleetTarget t : members) {
                try {
                    record.watches.add(release.engine(t).watchRecord(t.target(), record.answers::offer));
                } catch (GrayReleaseException e) {
                    listener.note(t.id() + ": cannot watch for an answer (" + e.getMessage() + "); answer on another member");
                }
            }
        }
        return record;
    }

    private static boolean namesFleet(ReleaseStatus status, String fleetId) {
        return status != null && status.state() != null && status.state().fleet() != null
                && fleetId.equals(status.state().fleet().id());
    }

    /** Completed with the answer recorded on any member; never completed when nobody answers there. */
    CompletableFuture<Decision> answer() {
        return answer;
    }

    /** The decision the run took (any source), recorded on the members when the question is closed; null: none. */
    void decided(Decision taken) {
        this.decision = taken;
    }

    /** Stops watching and closes the question on every member: the step done (with the decision), phase progressing. */
    @Override
    public void close() {
        answers.stopWaiting();
        for (AutoCloseable w : watches) {
            try {
                w.close();
            } catch (Exception e) {
                // Closing a watch cannot fail in a way that matters to the run.
            }
        }
        write(new RolloutProgress(plan, step, "approval", RolloutProgress.DONE, decision == null ? null : decision.describe())
                .withRun(runId, null), Phase.PROGRESSING, "the approval's end");
    }

    /** Writes {@code progress} on every member at once; a member that refuses or does not answer is told, not fatal. */
    private void write(RolloutProgress progress, Phase phase, String what) {
        for (ParallelTargets.Result<ReleaseStatus> r : release.parallel().run(members,
                t -> release.engine(t).recordRollout(t.target(), progress, phase))) {
            if (r.failed()) {
                listener.note(r.target().id() + ": could not record " + what + " (" + r.failure().getMessage() + ")");
            }
        }
    }
}
