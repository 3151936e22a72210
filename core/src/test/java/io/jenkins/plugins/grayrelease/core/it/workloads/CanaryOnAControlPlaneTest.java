package io.jenkins.plugins.grayrelease.core.it.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.errors.WorkloadNotAvailableException;
import io.jenkins.plugins.grayrelease.core.it.SampleRelease;
import io.jenkins.plugins.grayrelease.core.it.StoredRoutes;
import io.jenkins.plugins.grayrelease.core.workload.CanaryDeployment;
import io.jenkins.plugins.grayrelease.core.workload.CanaryScale;
import io.jenkins.plugins.grayrelease.core.workload.DeploymentSummary;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadWait;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Deploy waiting, canary scaling and the status's workloads on a control plane that really runs
 * Deployments: the Deployment controller makes ReplicaSets and pods, the scheduler places them on
 * KWOK's nodes, and KWOK makes them Ready — or not, as {@link PodBehaviour} asks.
 */
@WorkloadsTest
class CanaryOnAControlPlaneTest {

    private static final String STABLE_IMAGE = ReleaseWithWorkloads.STABLE_IMAGE;
    private static final String CANARY_IMAGE = "registry.example/reviews:2.0";

    private static SampleRelease release(WorkloadCluster cluster, String prefix, int stableReplicas) {
        return ReleaseWithWorkloads.install(cluster, prefix, stableReplicas, Map.of());
    }

    private static SampleRelease release(WorkloadCluster cluster, String prefix, int stableReplicas, Map<String, String> podAnnotations) {
        return ReleaseWithWorkloads.install(cluster, prefix, stableReplicas, podAnnotations);
    }

    private static Deployment deployment(String name, String version, String image, int replicas, Map<String, String> podAnnotations) {
        return ReleaseWithWorkloads.deployment(name, version, image, replicas, podAnnotations);
    }

    private static Deployment read(WorkloadCluster cluster, String ns, String name) {
        return cluster.client().apps().deployments().inNamespace(ns).withName(name).get();
    }

    @Test
    void deployWaitsUntilTheCanarysPodsAreReadyAndTellsItsProgress(WorkloadCluster cluster) {
        // Pods that take 2 s to start, like a slow application: the wait is seen progressing.
        SampleRelease release = release(cluster, "deploy-waits", 2, PodBehaviour.startDelay(Duration.ofSeconds(2)));
        List<String> progress = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();

        release.engine().deployCanary(release.target(), new CanaryDeployment(CANARY_IMAGE, "v2", 3, null, null),
                WorkloadWait.defaults().withProgress(progress::add));

        System.out.printf("workloads: deploy of a 3-replica canary waited %.1f s for its pods (%d progress lines)%n",
                (System.nanoTime() - started) / 1e9, progress.size());
        Deployment canary = read(cluster, release.namespace(), "reviews-v2");
        assertThat(canary.getStatus().getAvailableReplicas()).as("returned only once the pods were available").isEqualTo(3);
        assertThat(progress.get(progress.size() - 1)).isEqualTo(release.namespace() + "/Deployment/reviews-v2: 3 of 3 canary pods ready");
        assertThat(progress).as("it told the wait, not only its end").hasSizeGreaterThan(1);
        assertThat(release.stored().weight("primary", "v2")).as("deploy routes nothing").isZero();
    }

    @Test
    void aCanaryWhoseImageCannotBePulledFailsAtItsProgressDeadlineNamingTheReasonAndNothingIsRouted(WorkloadCluster cluster) {
        SampleRelease release = release(cluster, "deploy-timeout", 1);
        // The canary exists with pods that cannot pull their image; its own deadline is 10 s.
        Deployment broken = deployment("reviews-v2", "v2", CANARY_IMAGE, 1, PodBehaviour.IMAGE_PULL_FAILURE.annotation());
        broken.getSpec().setProgressDeadlineSeconds(10);
        cluster.client().apps().deployments().inNamespace(release.namespace()).resource(broken).create();
        String routes = release.stored().route("primary").toString();

        assertThatThrownBy(() -> release.engine().deployCanary(release.target(),
                new CanaryDeployment("registry.example/reviews:2.1", "v2", 2, null, null), WorkloadWait.defaults()))
                .isInstanceOf(WorkloadNotAvailableException.class)
                .hasMessageStartingWith(release.namespace() + "/Deployment/reviews-v2: ")
                .hasMessageContaining("ImagePullBackOff")
                .hasMessageContaining("Nothing was routed to it");
        assertThat(release.stored().route("primary").toString()).isEqualTo(routes);
    }

    @Test
    void canaryReplicasFollowTheWeightScaledBeforeItRisesAndAfterItFalls(WorkloadCluster cluster) {
        SampleRelease release = release(cluster, "scale", 4);
        release.engine().deployCanary(release.target(), new CanaryDeployment(CANARY_IMAGE, "v2", 1, null, null), WorkloadWait.defaults());
        List<String> events = new CopyOnWriteArrayList<>();
        GrayRelease scaled = release.engine().withCanaryScale(CanaryScale.parse("traffic"), WorkloadWait.defaults().withProgress(
                line -> events.add(line + " [canary weight " + release.stored().weight("primary", "v2") + " %]")));

        scaled.setWeight(release.target(), 50, WriteOptions.defaults());

        assertThat(read(cluster, release.namespace(), "reviews-v2").getStatus().getAvailableReplicas()).isEqualTo(2);
        assertThat(events).filteredOn(e -> e.contains("scaled") || e.endsWith("2 of 2 canary pods ready [canary weight 0 %]"))
                .containsExactly(release.namespace() + "/Deployment/reviews-v2: canary scaled up to 2 replicas [canary weight 0 %]",
                        release.namespace() + "/Deployment/reviews-v2: 2 of 2 canary pods ready [canary weight 0 %]");
        events.clear();

        scaled.setWeight(release.target(), 25, WriteOptions.defaults());

        assertThat(events).containsExactly(release.namespace() + "/Deployment/reviews-v2: canary scaled down to 1 replica [canary weight 25 %]");
        SampleDeployments.awaitAvailable(cluster.client(), release.namespace(), "reviews-v2");
        assertThat(read(cluster, release.namespace(), "reviews-v2").getStatus().getReplicas()).isEqualTo(1);
        assertThat(read(cluster, release.namespace(), "reviews-v1").getSpec().getReplicas()).as("the stable keeps its replicas").isEqualTo(4);
    }

    @Test
    void statusShowsReadyOfDesiredAndThePodsProblemAndAWatchTellsTheChange(WorkloadCluster cluster) throws Exception {
        SampleRelease release = release(cluster, "status", 2);
        release.engine().deployCanary(release.target(), new CanaryDeployment(CANARY_IMAGE, "v2", 1, null, null), WorkloadWait.defaults());
        release.engine().setWeight(release.target(), 10, WriteOptions.defaults());
        List<ReleaseStatus> told = new CopyOnWriteArrayList<>();
        ExecutorService watcher = Executors.newSingleThreadExecutor();
        try {
            watcher.submit(() -> release.engine().watchStatus(release.target(), told::add, Duration.ofMinutes(2)));
            await().atMost(Duration.ofSeconds(30)).until(() -> !told.isEmpty());
            assertThat(told.get(0).workloads().canary()).singleElement()
                    .isEqualTo(new DeploymentSummary("reviews-v2", CANARY_IMAGE, 1, 1, null));

            SampleDeployments.pods(cluster.client(), release.namespace(), "reviews").stream()
                    .filter(p -> "v2".equals(p.getMetadata().getLabels().get("version")))
                    .forEach(p -> PodBehaviour.CRASH_LOOP.simulateOn(cluster.client(), p));

            await("the watch tells the crash").atMost(SampleDeployments.TIMEOUT).until(() -> told.stream()
                    .anyMatch(s -> s.workloads().canary().size() == 1 && s.workloads().canary().get(0).problem() != null
                            && s.workloads().canary().get(0).problem().startsWith("CrashLoopBackOff")));
        } finally {
            watcher.shutdownNow();
            assertThat(watcher.awaitTermination(10, TimeUnit.SECONDS)).as("the watch ends when interrupted").isTrue();
        }
        DeploymentSummary canary = release.engine().statusWithWorkloads(release.target()).workloads().canary().get(0);
        assertThat(canary.ready()).isZero();
        assertThat(canary.desired()).isEqualTo(1);
        assertThat(canary.problem()).startsWith("CrashLoopBackOff (1 pod, e.g. reviews-v2-");
        assertThat(release.engine().statusWithWorkloads(release.target()).workloads().stable())
                .containsExactly(new DeploymentSummary("reviews-v1", STABLE_IMAGE, 2, 2, null));
    }
}
