package io.jenkins.plugins.grayrelease.core.workload;

import io.jenkins.plugins.grayrelease.core.ObjectRef;
import java.util.Optional;

/**
 * Where a Deployment's rollout stands, as {@code kubectl rollout status} sees it: one sentence
 * naming the Deployment and two numbers, whether it is done, whether it failed (its progress
 * deadline passed), and, when pods are not ready, why. Made by {@link DeploymentRolloutViewer}.
 *
 * @param deployment the Deployment
 * @param stage      the first stage, in kubectl's order, that is not complete ({@link Stage#DONE} when all are)
 * @param available  available replicas (ready for {@code minReadySeconds}: what receives traffic)
 * @param desired    {@code spec.replicas} (1 when unset)
 * @param updated    replicas of the current pod template
 * @param sentence   e.g. {@code shop/Deployment/reviews-v2: 1 of 3 updated replicas are available}, with the pods' problem when known
 * @param problem    why the pods looked at are not ready, or null (ready, or pods not looked at)
 */
public record DeploymentRollout(ObjectRef deployment, Stage stage, int available, int desired, int updated,
                                String sentence, PodProblem problem) {

    /** kubectl's stages, in the order it checks them. */
    public enum Stage {
        /** The controller has not yet seen the latest spec ({@code status.observedGeneration < metadata.generation}). */
        GENERATION_NOT_OBSERVED,
        /** {@code Progressing} is false with reason {@code ProgressDeadlineExceeded}: the rollout failed. */
        PROGRESS_DEADLINE_EXCEEDED,
        /** Fewer replicas of the current template than desired. */
        UPDATING,
        /** Replicas of an old template still exist. */
        OLD_REPLICAS_TERMINATING,
        /** Not all updated replicas are available yet. */
        BECOMING_AVAILABLE,
        /** Rolled out: every desired replica is updated and available. */
        DONE
    }

    /** Rolled out completely: kubectl's "successfully rolled out". */
    public boolean done() {
        return stage == Stage.DONE;
    }

    /** The rollout will not finish by itself: its progress deadline passed. */
    public boolean failed() {
        return stage == Stage.PROGRESS_DEADLINE_EXCEEDED;
    }

    public Optional<PodProblem> podProblem() {
        return Optional.ofNullable(problem);
    }
}
