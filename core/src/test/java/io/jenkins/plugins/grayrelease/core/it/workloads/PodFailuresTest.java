package io.jenkins.plugins.grayrelease.core.it.workloads;

import static io.jenkins.plugins.grayrelease.core.it.workloads.SampleDeployments.POLL_INTERVAL;
import static io.jenkins.plugins.grayrelease.core.it.workloads.SampleDeployments.TIMEOUT;
import static io.jenkins.plugins.grayrelease.core.it.workloads.SampleDeployments.condition;
import static io.jenkins.plugins.grayrelease.core.it.workloads.SampleDeployments.endpoints;
import static io.jenkins.plugins.grayrelease.core.it.workloads.SampleDeployments.pods;
import static io.jenkins.plugins.grayrelease.core.it.workloads.SampleDeployments.waitingReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The failures a readiness check has to name, as the pods and the Deployment report them: asked
 * for with {@link PodBehaviour} (KWOK's stages), except Unschedulable, which the real scheduler decides.
 */
@WorkloadsTest
class PodFailuresTest {

    /** Long enough to see a state hold while the controllers and KWOK have had time to change it. */
    private static final Duration STAYS = Duration.ofSeconds(3);

    @Test
    void neverReadyPodsRunButStayNotReadyAndTheDeploymentIsNotAvailable(WorkloadCluster cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("never-ready");
        SampleDeployments.createService(client, ns, "reviews");

        deploy(client, ns, "reviews", PodBehaviour.NEVER_READY.annotation(), Map.of());

        await("both pods running").atMost(TIMEOUT).pollInterval(POLL_INTERVAL).untilAsserted(() ->
                assertThat(pods(client, ns, "reviews")).hasSize(2).allMatch(p -> "Running".equals(p.getStatus().getPhase())));
        await("pods not ready, Deployment not available").during(STAYS).atMost(TIMEOUT).pollInterval(POLL_INTERVAL).untilAsserted(() -> {
            assertThat(pods(client, ns, "reviews")).hasSize(2).allSatisfy(p -> {
                assertThat(readyCondition(p).getStatus()).isEqualTo("False");
                assertThat(readyCondition(p).getReason()).isEqualTo("ContainersNotReady");
                assertThat(readyCondition(p).getMessage()).isEqualTo("containers with unready status: [app]");
                assertThat(container(p).getReady()).isFalse();
                assertThat(container(p).getState().getRunning()).isNotNull();
                assertThat(p.getStatus().getPodIP()).isNotBlank();
            });
            assertNotAvailable(client, ns, "reviews");
        });
        assertThat(endpoints(client, ns, "reviews")).hasSize(2).noneMatch(e -> e.getConditions().getReady());
    }

    @Test
    void crashLoopingPodsReportCrashLoopBackOffWithARisingRestartCount(WorkloadCluster cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("crash-loop");

        deploy(client, ns, "reviews", PodBehaviour.CRASH_LOOP.annotation(), Map.of());

        await("pods restarted at least twice").atMost(TIMEOUT).pollInterval(POLL_INTERVAL).untilAsserted(() ->
                assertThat(pods(client, ns, "reviews")).hasSize(2).allSatisfy(p -> {
                    assertThat(p.getStatus().getPhase()).isEqualTo("Running");
                    assertThat(condition(p, "Ready")).isEqualTo("False");
                    assertThat(waitingReason(p)).isEqualTo("CrashLoopBackOff");
                    assertThat(container(p).getState().getWaiting().getMessage())
                            .startsWith("back-off ").contains("restarting failed container=app pod=" + p.getMetadata().getName());
                    assertThat(container(p).getLastState().getTerminated().getReason()).isEqualTo("Error");
                    assertThat(container(p).getLastState().getTerminated().getExitCode()).isEqualTo(1);
                    assertThat(container(p).getRestartCount()).isGreaterThanOrEqualTo(2);
                }));
        assertNotAvailable(client, ns, "reviews");
    }

    @Test
    void podsWhoseImageCannotBePulledStayPendingInImagePullBackOff(WorkloadCluster cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("image-pull");

        deploy(client, ns, "reviews", PodBehaviour.IMAGE_PULL_FAILURE.annotation(), Map.of());

        await("pods in image pull back-off").atMost(TIMEOUT).pollInterval(POLL_INTERVAL).untilAsserted(() ->
                assertThat(pods(client, ns, "reviews")).hasSize(2).allSatisfy(p -> {
                    assertThat(p.getStatus().getPhase()).isEqualTo("Pending");
                    assertThat(condition(p, "PodScheduled")).isEqualTo("True");
                    assertThat(condition(p, "Ready")).isEqualTo("False");
                    assertThat(waitingReason(p)).isEqualTo("ImagePullBackOff");
                    assertThat(container(p).getState().getWaiting().getMessage())
                            .isEqualTo("Back-off pulling image \"registry.example/reviews:1.0\"");
                    assertThat(container(p).getRestartCount()).isZero();
                }));
        assertNotAvailable(client, ns, "reviews");
    }

    @Test
    void podsThatNoNodeCanTakeStayPendingAsUnschedulable(WorkloadCluster cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("unschedulable");

        deploy(client, ns, "reviews", Map.of(), Map.of("disktype", "ssd"));

        await("pods unschedulable").during(STAYS).atMost(TIMEOUT).pollInterval(POLL_INTERVAL).untilAsserted(() ->
                assertThat(pods(client, ns, "reviews")).hasSize(2).allSatisfy(p -> {
                    assertThat(p.getStatus().getPhase()).isEqualTo("Pending");
                    assertThat(p.getSpec().getNodeName()).isNull();
                    PodCondition scheduled = p.getStatus().getConditions().stream()
                            .filter(c -> "PodScheduled".equals(c.getType())).findFirst().orElseThrow();
                    assertThat(scheduled.getStatus()).isEqualTo("False");
                    assertThat(scheduled.getReason()).isEqualTo("Unschedulable");
                    assertThat(scheduled.getMessage()).contains("0/" + WorkloadCluster.NODES + " nodes are available")
                            .contains("didn't match Pod's node affinity/selector");
                }));
        assertNotAvailable(client, ns, "reviews");
    }

    @Test
    void aRunningPodThatStartsCrashingLeavesTheReadyEndpointsAndRecoversWhenTheFailureIsLifted(WorkloadCluster cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("crash-later");
        SampleDeployments.createService(client, ns, "reviews");
        deploy(client, ns, "reviews", Map.of(), Map.of());
        SampleDeployments.awaitAvailable(client, ns, "reviews");
        Pod victim = pods(client, ns, "reviews").get(0);
        String victimIp = victim.getStatus().getPodIP();

        PodBehaviour.CRASH_LOOP.simulateOn(client, victim);

        await("one pod crashing, its endpoint not ready").atMost(TIMEOUT).pollInterval(POLL_INTERVAL).untilAsserted(() -> {
            Pod now = client.pods().inNamespace(ns).withName(victim.getMetadata().getName()).get();
            assertThat(waitingReason(now)).isEqualTo("CrashLoopBackOff");
            assertThat(now.getStatus().getPodIP()).isEqualTo(victimIp);
            Deployment d = client.apps().deployments().inNamespace(ns).withName("reviews").get();
            assertThat(d.getStatus().getReadyReplicas()).isEqualTo(1);
            assertThat(endpoints(client, ns, "reviews"))
                    .filteredOn(e -> e.getAddresses().contains(victimIp)).singleElement()
                    .satisfies(e -> assertThat(e.getConditions().getReady()).isFalse());
        });

        PodBehaviour.READY.simulateOn(client, victim);

        Deployment recovered = SampleDeployments.awaitAvailable(client, ns, "reviews");
        assertThat(recovered.getStatus().getReadyReplicas()).isEqualTo(2);
        Pod now = client.pods().inNamespace(ns).withName(victim.getMetadata().getName()).get();
        assertThat(condition(now, "Ready")).isEqualTo("True");
        assertThat(container(now).getRestartCount()).isPositive();
    }

    private static void deploy(KubernetesClient client, String ns, String name, Map<String, String> podAnnotations,
            Map<String, String> nodeSelector) {
        SampleDeployments.create(client, ns, name, 2, Map.of(), podAnnotations, nodeSelector);
    }

    private static void assertNotAvailable(KubernetesClient client, String ns, String name) {
        Deployment d = client.apps().deployments().inNamespace(ns).withName(name).get();
        assertThat(d.getStatus().getAvailableReplicas()).as("available replicas of %s", name).isNull();
        assertThat(d.getStatus().getConditions()).as("conditions of %s", name)
                .anySatisfy(c -> assertThat(List.of(c.getType(), c.getStatus(), c.getReason()))
                        .containsExactly("Available", "False", "MinimumReplicasUnavailable"));
    }

    private static PodCondition readyCondition(Pod pod) {
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow();
    }

    private static ContainerStatus container(Pod pod) {
        return pod.getStatus().getContainerStatuses().get(0);
    }
}
