package io.jenkins.plugins.grayrelease.core.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * Where a rollout plan is, recorded with the release state so that a run that died resumes
 * from the cluster's record: but only the run that made it, with the same plan and the same
 * canary pod template, skips the approvals already given.
 *
 * @param plan      the plan's name
 * @param step      index (0-based) of the step this record is about
 * @param stepType  the step's kind ({@code setWeight}, {@code approval}, ...)
 * @param stepState {@code running} while it executes, {@code done} once finished (a resumed run
 *                  starts after a done step and re-enters a running one)
 * @param decision  the decision taken at an approval step, or null
 * @param run       the run that made this progress ({@code grayctl} prints its id at start; in
 *                  Jenkins the build URL and flow node), or null in records of older versions
 * @param digest    what the approvals were given for: the plan's and the canary pod template's
 *                  digests, or null when unknown
 * @param question  the approval this step waits for, or null when none is pending
 * @param answer    an answer to {@code question} recorded on the cluster ({@code grayctl decide}), or null
 */
public record RolloutProgress(String plan, int step, String stepType, String stepState, String decision,
                              String run, RunDigest digest, Question question, Answer answer) {

    public static final String RUNNING = "running";
    public static final String DONE = "done";

    @JsonCreator
    public RolloutProgress(@JsonProperty("plan") String plan, @JsonProperty("step") int step,
                           @JsonProperty("stepType") String stepType, @JsonProperty("stepState") String stepState,
                           @JsonProperty("decision") String decision, @JsonProperty("run") String run,
                           @JsonProperty("digest") RunDigest digest, @JsonProperty("question") Question question,
                           @JsonProperty("answer") Answer answer) {
        this.plan = plan;
        this.step = step;
        this.stepType = stepType;
        this.stepState = stepState;
        this.decision = decision;
        this.run = run;
        this.digest = digest;
        this.question = question;
        this.answer = answer;
    }

    /** Progress without run, digest or question (records of older versions read like this). */
    public RolloutProgress(String plan, int step, String stepType, String stepState, String decision) {
        this(plan, step, stepType, stepState, decision, null, null, null, null);
    }

    @JsonIgnore
    public boolean isDone() {
        return DONE.equals(stepState);
    }

    public RolloutProgress withRun(String runId, RunDigest runDigest) {
        return new RolloutProgress(plan, step, stepType, stepState, decision, runId, runDigest, question, answer);
    }

    public RolloutProgress withQuestion(Question pending) {
        return new RolloutProgress(plan, step, stepType, stepState, decision, run, digest, pending, null);
    }

    public RolloutProgress withAnswer(Answer given) {
        return new RolloutProgress(plan, step, stepType, stepState, decision, run, digest, question, given);
    }

    /**
     * What the approvals of a run were given for.
     *
     * @param plan        digest of the plan (its steps and target)
     * @param podTemplate digest of the canary's pod template (images, env, args), or null when no canary Deployment was found
     */
    public record RunDigest(String plan, String podTemplate) {
        /** Both digests as one short key: an approval given for one key is never taken for another. */
        public String key() {
            return io.jenkins.plugins.grayrelease.core.support.Digests.sha256(plan + "/" + podTemplate);
        }
    }

    /**
     * An approval waiting for an answer, so that anyone reading the release sees it ({@code grayctl status}).
     *
     * @param message  the plan's question
     * @param choices  the decisions offered ({@code promote}, {@code rollback}, {@code setWeight}, {@code abort})
     * @param deadline when the step's timeout takes its default, or null: no limit
     * @param answerAt where to answer when it is not {@code grayctl decide}: a Jenkins build URL; null
     *                 when an answer recorded on the cluster is accepted
     */
    public record Question(String message, List<String> choices, Instant deadline, String answerAt) {
        public Question {
            choices = choices == null ? List.of() : List.copyOf(choices);
        }

        /** Whether {@code grayctl decide} may answer it. */
        @JsonIgnore
        public boolean answerableFromCluster() {
            return answerAt == null;
        }
    }

    /**
     * An answer recorded on the cluster.
     *
     * @param decision as the decision vocabulary writes it ({@code promote}, {@code setWeight 30})
     * @param by       the answerer's Kubernetes identity (from a SelfSubjectReview)
     * @param at       when
     */
    public record Answer(String decision, String by, Instant at) {
    }
}
