package io.jenkins.plugins.grayrelease.core.workload;

import static io.jenkins.plugins.grayrelease.core.testing.Workloads.deployment;
import static io.jenkins.plugins.grayrelease.core.testing.Workloads.pod;
import static io.jenkins.plugins.grayrelease.core.testing.Workloads.status;
import static io.jenkins.plugins.grayrelease.core.testing.Workloads.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.grayrelease.core.testing.Workloads;
import io.jenkins.plugins.grayrelease.core.testing.Workloads.PodState;
import io.jenkins.plugins.grayrelease.core.workload.DeploymentRollout.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentRolloutViewerTest {

    private static final Map<String, String> LABELS = Map.of("app", "reviews", "version", "v2");

    private static Deployment reviews(int replicas, long generation) {
        Deployment d = deployment("shop", "reviews-v2", LABELS, replicas);
        d.getMetadata().setGeneration(generation);
        return d;
    }

    @Test
    void stagesAreCheckedInKubectlsOrderAndEachSentenceNamesTheDeploymentAndTwoNumbers() {
        record Case(Deployment deployment, Stage stage, String sentence) {
        }
        List<Case> cases = List.of(
                new Case(reviews(3, 2), Stage.GENERATION_NOT_OBSERVED,
                        "shop/Deployment/reviews-v2: the Deployment controller has not yet observed generation 2 (observed: 0)"),
                new Case(withStatus(reviews(3, 2), status(1, 3, 3, 3)), Stage.GENERATION_NOT_OBSERVED,
                        "shop/Deployment/reviews-v2: the Deployment controller has not yet observed generation 2 (observed: 1)"),
                new Case(Workloads.deadlineExceeded(withStatus(reviews(3, 2), status(2, 3, 1, 1))), Stage.PROGRESS_DEADLINE_EXCEEDED,
                        "shop/Deployment/reviews-v2: exceeded its progress deadline: 1 of 3 replicas are available"),
                new Case(withStatus(reviews(3, 2), status(2, 3, 1, 1)), Stage.UPDATING,
                        "shop/Deployment/reviews-v2: 1 of 3 new replicas have been updated"),
                new Case(withStatus(reviews(3, 2), status(2, 5, 3, 3)), Stage.OLD_REPLICAS_TERMINATING,
                        "shop/Deployment/reviews-v2: 2 old replicas are pending termination (5 replicas, 3 updated)"),
                new Case(withStatus(reviews(3, 2), status(2, 3, 3, 2)), Stage.BECOMING_AVAILABLE,
                        "shop/Deployment/reviews-v2: 2 of 3 updated replicas are available"),
                new Case(withStatus(reviews(3, 2), status(2, 3, 3, 3)), Stage.DONE,
                        "shop/Deployment/reviews-v2: successfully rolled out: 3 of 3 replicas are available"));
        for (Case c : cases) {
            DeploymentRollout rollout = DeploymentRolloutViewer.view(c.deployment());
            assertThat(rollout.stage()).as(c.sentence()).isEqualTo(c.stage());
            assertThat(rollout.sentence()).isEqualTo(c.sentence());
            assertThat(rollout.done()).isEqualTo(c.stage() == Stage.DONE);
            assertThat(rollout.failed()).isEqualTo(c.stage() == Stage.PROGRESS_DEADLINE_EXCEEDED);
        }
    }

    @Test
    void theDeadlineNamesTheDeploymentsOwnProgressDeadlineSeconds() {
        Deployment d = Workloads.deadlineExceeded(withStatus(reviews(2, 1), status(1, 2, 2, 0)));
        d.getSpec().setProgressDeadlineSeconds(600);

        assertThat(DeploymentRolloutViewer.view(d).sentence())
                .isEqualTo("shop/Deployment/reviews-v2: exceeded its progress deadline of 600s: 0 of 2 replicas are available");
    }

    @Test
    void theSentenceSaysWhyThePodsAreNotReady() {
        Deployment d = withStatus(reviews(3, 1), status(1, 3, 3, 1));
        var pods = List.of(pod("shop", "reviews-v2-a", LABELS, PodState.READY),
                pod("shop", "reviews-v2-b", LABELS, PodState.CRASH_LOOP),
                pod("shop", "reviews-v2-c", LABELS, PodState.CRASH_LOOP));

        DeploymentRollout rollout = DeploymentRolloutViewer.view(d, pods);

        assertThat(rollout.sentence()).isEqualTo("shop/Deployment/reviews-v2: 1 of 3 updated replicas are available; pods: "
                + "CrashLoopBackOff (2 pods, e.g. reviews-v2-b: back-off 1m20s restarting failed container=app pod=reviews-v2-b; last exit: Error (1))");
        assertThat(rollout.problem().reason()).isEqualTo("CrashLoopBackOff");
        assertThat(rollout.available()).isEqualTo(1);
        assertThat(rollout.desired()).isEqualTo(3);
    }

    @Test
    void aRolledOutDeploymentHasNoPodProblemEvenWhenAPodIsBeingReplaced() {
        Deployment d = withStatus(reviews(1, 1), status(1, 1, 1, 1));

        DeploymentRollout rollout = DeploymentRolloutViewer.view(d, List.of(pod("shop", "x", LABELS, PodState.CRASH_LOOP)));

        assertThat(rollout.done()).isTrue();
        assertThat(rollout.podProblem()).isEmpty();
    }

    @Test
    void replicasDefaultToOneLikeTheApiServer() {
        Deployment d = reviews(1, 1);
        d.getSpec().setReplicas(null);

        assertThat(DeploymentRolloutViewer.view(withStatus(d, status(1, 0, 0, 0))).sentence())
                .isEqualTo("shop/Deployment/reviews-v2: 0 of 1 new replicas have been updated");
    }
}
