package io.jenkins.plugins.grayrelease.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.errors.WorkloadNotAvailableException;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import io.jenkins.plugins.grayrelease.core.testing.Workloads;
import io.jenkins.plugins.grayrelease.core.testing.Workloads.PodState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code grayDeploy} / {@code grayctl deploy} wait like {@code kubectl rollout status}: on the
 * sandbox, which runs no controller, the test plays the Deployment controller and the kubelet by
 * writing the Deployment's and the pods' status by hand.
 */
class DeployWaitTest {

    private static final Map<String, String> CANARY_PODS = Map.of("app", "reviews", "version", "v3");
    private static final CanaryDeployment V2 = new CanaryDeployment("example.org/reviews:3.0", "v3", 2, null, null);

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSampleApp();
    private final GrayRelease engine = cluster.engine();
    private final ReleaseTarget target = SampleTargets.reviews().toBuilder().canarySubset("v3").build();
    private final List<String> progress = new CopyOnWriteArrayList<>();

    DeployWaitTest() {
        // The test plays the Deployment controller and the kubelet itself.
        cluster.simulateRollouts(false);
    }

    private Deployment canary() {
        return cluster.client().apps().deployments().inNamespace("shop").withName("reviews-v3").get();
    }

    /** What the Deployment controller writes: the generation it saw and how many of {@code total} pods are available. */
    private void controllerReports(int total, int available) {
        Deployment d = canary();
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        Workloads.storeStatus(cluster.client(), Workloads.withStatus(d, Workloads.status(generation, total, total, available)));
    }

    private void pod(String name, PodState state) {
        cluster.client().pods().inNamespace("shop").resource(Workloads.pod("shop", name, CANARY_PODS, state)).createOr(p -> p.update());
    }

    @Test
    void deployWaitsUntilTheCanarysPodsAreReadyAndTellsEachStep() {
        CompletableFuture<WorkloadStatus> deploy = CompletableFuture.supplyAsync(
                () -> engine.deployCanary(target, V2, WorkloadWait.defaults().withProgress(progress::add)));
        await().until(() -> canary() != null && !progress.isEmpty());

        pod("reviews-v3-a", PodState.READY);
        pod("reviews-v3-b", PodState.IMAGE_PULL_BACK_OFF);
        controllerReports(2, 1);
        await().until(() -> progress.stream().anyMatch(s -> s.contains("1 of 2 canary pods ready")));
        assertThat(deploy).isNotDone();
        pod("reviews-v3-b", PodState.READY);
        controllerReports(2, 2);

        assertThat(deploy.join().name()).isEqualTo("reviews-v3");
        assertThat(progress).contains("shop/Deployment/reviews-v3: 1 of 2 canary pods ready; pods: ImagePullBackOff (1 pod, e.g. reviews-v3-b:"
                        + " Back-off pulling image \"example.org/app:9\")",
                "shop/Deployment/reviews-v3: 2 of 2 canary pods ready");
        assertThat(progress.get(progress.size() - 1)).isEqualTo("shop/Deployment/reviews-v3: 2 of 2 canary pods ready");
    }

    @Test
    void canaryNotReadyByItsProgressDeadlineFailsNamingThePodsReasonAndNothingIsRouted() {
        // The canary copies the stable's spec, so the stable's deadline is Kubernetes' own for it.
        Deployment stable = cluster.client().apps().deployments().inNamespace("shop").withName("reviews-v1").get();
        cluster.client().apps().deployments().inNamespace("shop").resource(new DeploymentBuilder(stable)
                .editSpec().withProgressDeadlineSeconds(1).endSpec().build()).update();
        pod("reviews-v3-a", PodState.CRASH_LOOP);
        String routesBefore = cluster.virtualService().path("spec").toString();

        assertThatThrownBy(() -> engine.deployCanary(target, V2, WorkloadWait.defaults().withProgress(progress::add)))
                .isInstanceOf(WorkloadNotAvailableException.class)
                .hasMessageStartingWith("shop/Deployment/reviews-v3: not ready after 1s: ")
                .hasMessageContaining("CrashLoopBackOff (1 pod, e.g. reviews-v3-a: back-off 1m20s restarting failed container")
                .hasMessageContaining("Nothing was routed to it");
        assertThat(cluster.virtualService().path("spec").toString()).isEqualTo(routesBefore);
    }

    @Test
    void anExplicitTimeoutOverridesTheProgressDeadline() {
        pod("reviews-v3-a", PodState.UNSCHEDULABLE);

        assertThatThrownBy(() -> engine.deployCanary(target, V2, WorkloadWait.defaults().withTimeout(Duration.ofMillis(500))))
                .isInstanceOf(WorkloadNotAvailableException.class)
                .hasMessageContaining("not ready after 500ms: ")
                .hasMessageContaining("Unschedulable (1 pod, e.g. reviews-v3-a: 0/3 nodes are available: 3 Insufficient cpu.)");
    }

    @Test
    void aDeadlineTheControllerReportsExceededEndsTheWaitAtOnce() {
        CompletableFuture<WorkloadStatus> deploy = CompletableFuture.supplyAsync(
                () -> engine.deployCanary(target, V2, WorkloadWait.defaults().withProgress(progress::add)));
        await().until(() -> canary() != null && !progress.isEmpty());
        pod("reviews-v3-a", PodState.IMAGE_PULL_BACK_OFF);

        Deployment d = canary();
        Workloads.storeStatus(cluster.client(), Workloads.deadlineExceeded(Workloads.withStatus(d,
                Workloads.status(d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration(), 2, 2, 0))));

        assertThat(deploy).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(WorkloadNotAvailableException.class)
                .withMessageContaining("its progress deadline was exceeded")
                .withMessageContaining("ImagePullBackOff");
    }

    @Test
    void withoutWaitingDeployReturnsOnceTheDeploymentIsWritten() {
        WorkloadStatus written = engine.deployCanary(target, V2, WorkloadWait.none().withProgress(progress::add));

        assertThat(written.created()).isTrue();
        assertThat(canary().getStatus()).isNull();
        assertThat(progress).isEmpty();
    }
}
