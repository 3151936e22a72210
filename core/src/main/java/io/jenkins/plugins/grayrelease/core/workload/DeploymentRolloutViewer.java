package io.jenkins.plugins.grayrelease.core.workload;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.workload.DeploymentRollout.Stage;
import java.util.List;
import java.util.Objects;

/**
 * {@code kubectl rollout status} for one Deployment, as a pure function (modelled on kubectl's
 * {@code DeploymentStatusViewer}): it checks, in this order, that the controller observed the latest
 * generation, that the progress deadline has not passed, that every desired replica runs the current
 * template, that no old replica is left, and that every updated replica is available. The first check
 * that does not hold makes the sentence; waiting is a loop around this function and nothing more, and
 * the deadline is the Deployment's own {@code progressDeadlineSeconds}.
 *
 * <p>The pods are only looked at for the reason they are not ready, so a caller lists them only when
 * a first look without them ({@link #view(Deployment)}) is not {@link DeploymentRollout#done() done}.
 */
public final class DeploymentRolloutViewer {

    /** The {@code Progressing} condition's reason once {@code progressDeadlineSeconds} has passed. */
    public static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

    private DeploymentRolloutViewer() {
    }

    /** The rollout without looking at pods (no pod problem in the sentence). */
    public static DeploymentRollout view(Deployment deployment) {
        return view(deployment, List.of());
    }

    /**
     * @param pods the Deployment's pods (those its selector selects), or empty when not looked at;
     *             used only to say why pods are not ready
     */
    public static DeploymentRollout view(Deployment deployment, List<Pod> pods) {
        ObjectRef ref = ObjectRef.deployment(deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
        DeploymentStatus status = Objects.requireNonNullElseGet(deployment.getStatus(), DeploymentStatus::new);
        int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        int updated = intOf(status.getUpdatedReplicas());
        int available = intOf(status.getAvailableReplicas());
        int total = intOf(status.getReplicas());
        long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
        long observed = Objects.requireNonNullElse(status.getObservedGeneration(), 0L);
        Stage stage;
        String text;
        if (observed < generation || deployment.getStatus() == null) {
            stage = Stage.GENERATION_NOT_OBSERVED;
            text = "the Deployment controller has not yet observed generation " + generation + " (observed: " + observed + ")";
        } else if (deadlineExceeded(status)) {
            stage = Stage.PROGRESS_DEADLINE_EXCEEDED;
            Integer seconds = deployment.getSpec().getProgressDeadlineSeconds();
            text = "exceeded its progress deadline" + (seconds == null ? "" : " of " + seconds + "s") + ": "
                    + available + " of " + desired + " replicas are available";
        } else if (updated < desired) {
            stage = Stage.UPDATING;
            text = updated + " of " + desired + " new replicas have been updated";
        } else if (total > updated) {
            stage = Stage.OLD_REPLICAS_TERMINATING;
            text = (total - updated) + " old replicas are pending termination (" + total + " replicas, " + updated + " updated)";
        } else if (available < updated) {
            stage = Stage.BECOMING_AVAILABLE;
            text = available + " of " + updated + " updated replicas are available";
        } else {
            stage = Stage.DONE;
            text = "successfully rolled out: " + available + " of " + desired + " replicas are available";
        }
        PodProblem problem = stage == Stage.DONE ? null : PodProblems.of(pods).orElse(null);
        String sentence = ref + ": " + text + (problem == null ? "" : "; pods: " + problem.describe());
        return new DeploymentRollout(ref, stage, available, desired, updated, sentence, problem);
    }

    private static boolean deadlineExceeded(DeploymentStatus status) {
        if (status.getConditions() == null) {
            return false;
        }
        for (DeploymentCondition c : status.getConditions()) {
            if ("Progressing".equals(c.getType()) && DEADLINE_EXCEEDED.equals(c.getReason())) {
                return true;
            }
        }
        return false;
    }

    private static int intOf(Integer value) {
        return value == null ? 0 : value;
    }
}
