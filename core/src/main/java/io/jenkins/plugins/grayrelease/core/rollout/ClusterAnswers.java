package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Answers to this run's approvals recorded on the cluster ({@code grayctl decide} from any shell),
 * as the release watch delivers them: an answer counts only for this run's pending question of
 * the same step. Thread-safe: the watch offers, the waiting approval takes. Public for the fleet runner, whose
 * wave approval is answered the same way on any member.
 */
public final class ClusterAnswers {
    private final String runId;
    private final Map<Integer, Decision> early = new HashMap<>();
    private int waitingStep = -1;
    private CompletableFuture<Decision> waiting;

    public ClusterAnswers(String runId) {
        this.runId = runId;
    }

    /** A record seen by the watch; an answer to one of this run's questions completes the wait for it. */
    public synchronized void offer(ReleaseState state) {
        RolloutProgress progress = state == null ? null : state.rollout();
        if (progress == null || progress.answer() == null || progress.question() == null || !runId.equals(progress.run())) {
            return;
        }
        RolloutProgress.Answer answer = progress.answer();
        Decision decision;
        try {
            String[] words = answer.decision().trim().split("\\s+", 2);
            decision = Decision.parse(words[0], words.length > 1 ? words[1] : null, answer.by());
        } catch (IllegalArgumentException unreadable) {
            return; // written by hand; the question stays open
        }
        if (waiting != null && waitingStep == progress.step()) {
            waiting.complete(decision);
        } else {
            early.put(progress.step(), decision);
        }
    }

    /** Completes {@code answer} with the cluster's answer to {@code step}, now or when it comes. */
    public synchronized void await(int step, CompletableFuture<Decision> answer) {
        waitingStep = step;
        waiting = answer;
        Decision already = early.remove(step);
        if (already != null) {
            answer.complete(already);
        }
    }

    public synchronized void stopWaiting() {
        waitingStep = -1;
        waiting = null;
    }
}
