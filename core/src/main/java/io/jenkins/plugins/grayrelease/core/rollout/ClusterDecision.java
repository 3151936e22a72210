package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import java.time.Clock;
import java.util.Optional;

/**
 * Answers to a waiting rollout's approval recorded on the release ({@code grayctl decide} from
 * any shell), and the question as anyone reading the release sees it. A waiting {@code grayctl
 * rollout} takes the answer through its watch. Approvals of a Jenkins build are answered in
 * Jenkins only, with its permissions: their question names the build instead.
 */
public final class ClusterDecision {

    private ClusterDecision() {
    }

    /** The approval the release waits for, when one does and no answer is recorded yet. */
    public static Optional<RolloutProgress> pending(ReleaseStatus status) {
        if (status == null || status.state() == null || status.state().phase() != Phase.PAUSED) {
            return Optional.empty();
        }
        RolloutProgress progress = status.state().rollout();
        if (progress == null || progress.question() == null || progress.isDone() || progress.answer() != null) {
            return Optional.empty();
        }
        return Optional.of(progress);
    }

    /**
     * Checks {@code kind} (and {@code weight} for setWeight) against the waiting question and
     * records it as answered by {@code answerer}.
     *
     * @throws InvalidReleaseException when nothing waits, the approval is Jenkins', or it does not
     *     offer that decision; nothing written
     */
    public static ReleaseStatus answer(GrayRelease engine, ReleaseTarget target, String kind, String weight, String answerer,
            Clock clock) {
        ReleaseStatus status = engine.status(target);
        RolloutProgress asked = pending(status).orElseThrow(() -> new InvalidReleaseException(target.routingRef(),
                "release state: rollout", "no rollout waits for an approval here (phase " + status.phase() + ")",
                "Nothing was written; grayctl status " + target.service() + " shows where the release is"));
        RolloutProgress.Question question = asked.question();
        if (!question.answerableFromCluster()) {
            throw new InvalidReleaseException(target.routingRef(), "release state: rollout.question",
                    "the approval of step " + (asked.step() + 1) + " belongs to a Jenkins build and is answered there, with"
                            + " Jenkins' permissions: " + question.answerAt(), "Nothing was written; answer it on the build's page");
        }
        Decision decision;
        try {
            decision = Decision.parse(kind, weight, answerer);
        } catch (IllegalArgumentException e) {
            throw new InvalidReleaseException(target.routingRef(), "decision", e.getMessage(), "Nothing was written");
        }
        if (!question.choices().contains(decision.kind().planName())) {
            throw new InvalidReleaseException(target.routingRef(), "decision", "the approval of step " + (asked.step() + 1)
                    + " does not offer " + decision.kind().planName() + "; it offers " + question.choices(), "Nothing was written");
        }
        return engine.answerApproval(target, asked, new RolloutProgress.Answer(decision.describe(), answerer, clock.instant()));
    }

    /** How to answer the question: the command line for {@code grayctl decide}, or where in Jenkins. */
    public static String howToAnswer(ReleaseStatus status, RolloutProgress asked) {
        RolloutProgress.Question q = asked.question();
        if (!q.answerableFromCluster()) {
            return "answer in Jenkins: " + q.answerAt();
        }
        String choices = String.join("|", q.choices().stream().map(c -> c.equals("setWeight") ? "weight N" : c).toList());
        return "grayctl -n " + status.namespace() + " decide " + status.service() + " " + choices;
    }
}
