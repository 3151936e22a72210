package io.jenkins.plugins.grayrelease.core.it.workloads;

import static io.jenkins.plugins.grayrelease.core.it.workloads.SampleDeployments.POLL_INTERVAL;
import static io.jenkins.plugins.grayrelease.core.it.workloads.SampleDeployments.TIMEOUT;
import static io.jenkins.plugins.grayrelease.core.it.workloads.SampleDeployments.condition;
import static io.jenkins.plugins.grayrelease.core.it.workloads.SampleDeployments.endpoints;
import static io.jenkins.plugins.grayrelease.core.it.workloads.SampleDeployments.pods;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a user of a real cluster would see of a healthy Deployment, on the controller manager, scheduler and KWOK nodes. */
@WorkloadsTest
class WorkloadClusterTest {

    @Test
    void aDeploymentBecomesAReplicaSetAndReadyPodsWithIpsThatItsServiceListsAsReadyEndpoints(WorkloadCluster cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("healthy");
        SampleDeployments.createService(client, ns, "reviews");
        long created = System.nanoTime();

        SampleDeployments.create(client, ns, "reviews", 2);

        Deployment available = SampleDeployments.awaitAvailable(client, ns, "reviews");
        System.out.printf("workloads: a 2-replica Deployment was available %.1f s after it was created%n",
                (System.nanoTime() - created) / 1e9);
        assertThat(available.getStatus().getAvailableReplicas()).isEqualTo(2);
        assertThat(available.getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(available.getStatus().getConditions())
                .anySatisfy(c -> assertThat(List.of(c.getType(), c.getStatus())).containsExactly("Available", "True"));
        List<ReplicaSet> replicaSets = client.apps().replicaSets().inNamespace(ns).list().getItems();
        assertThat(replicaSets).singleElement().satisfies(rs -> {
            assertThat(rs.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(o -> assertThat(o.getName()).isEqualTo("reviews"));
            assertThat(rs.getStatus().getReadyReplicas()).isEqualTo(2);
        });
        List<Pod> pods = pods(client, ns, "reviews");
        assertThat(pods).hasSize(2).allSatisfy(pod -> {
            assertThat(pod.getSpec().getNodeName()).isIn(cluster.nodes());
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            assertThat(condition(pod, "PodScheduled")).isEqualTo("True");
            assertThat(condition(pod, "Ready")).isEqualTo("True");
            assertThat(pod.getStatus().getPodIP()).startsWith("10.244.");
            assertThat(pod.getStatus().getContainerStatuses()).singleElement()
                    .satisfies(s -> assertThat(s.getState().getRunning()).isNotNull());
        });
        await("the EndpointSlice lists both pods as ready").atMost(TIMEOUT).pollInterval(POLL_INTERVAL).untilAsserted(() ->
                assertThat(endpoints(client, ns, "reviews"))
                        .extracting(e -> e.getAddresses().get(0), e -> e.getConditions().getReady())
                        .containsExactlyInAnyOrderElementsOf(pods.stream()
                                .map(p -> tuple(p.getStatus().getPodIP(), true)).toList()));
    }

    @Test
    void scalingADeploymentUpAndDownIsFollowedByItsPodsAndEndpoints(WorkloadCluster cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("scale");
        SampleDeployments.createService(client, ns, "ratings");
        SampleDeployments.create(client, ns, "ratings", 1);
        SampleDeployments.awaitAvailable(client, ns, "ratings");

        client.apps().deployments().inNamespace(ns).withName("ratings").scale(4);
        SampleDeployments.awaitAvailable(client, ns, "ratings");
        await("4 ready endpoints").atMost(TIMEOUT).pollInterval(POLL_INTERVAL).untilAsserted(() ->
                assertThat(endpoints(client, ns, "ratings")).hasSize(4).allMatch(e -> e.getConditions().getReady()));
        assertThat(pods(client, ns, "ratings")).hasSize(4).allMatch(p -> "True".equals(condition(p, "Ready")));

        client.apps().deployments().inNamespace(ns).withName("ratings").scale(1);
        Deployment scaledDown = SampleDeployments.awaitAvailable(client, ns, "ratings");
        assertThat(scaledDown.getStatus().getReplicas()).isEqualTo(1);
        await("the removed pods are gone and their endpoints with them").atMost(TIMEOUT).pollInterval(POLL_INTERVAL)
                .untilAsserted(() -> {
                    assertThat(pods(client, ns, "ratings")).hasSize(1);
                    assertThat(endpoints(client, ns, "ratings")).extracting(Endpoint::getTargetRef)
                            .extracting(r -> r.getName())
                            .containsExactly(pods(client, ns, "ratings").get(0).getMetadata().getName());
                });
    }

    @Test
    void podsWithAStartDelayTurnReadyThatLongAfterTheyWereBound(WorkloadCluster cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("slow-start");

        SampleDeployments.create(client, ns, "details", 2, Map.of(), PodBehaviour.startDelay(Duration.ofSeconds(5)), Map.of());

        SampleDeployments.awaitAvailable(client, ns, "details");
        assertThat(pods(client, ns, "details")).hasSize(2).allSatisfy(pod -> {
            Instant bound = Instant.parse(transition(pod, "PodScheduled"));
            Instant ready = Instant.parse(transition(pod, "Ready"));
            // Condition times have whole seconds: 5 s after binding reads as 4 s at the least.
            assertThat(Duration.between(bound, ready)).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        });
    }

    private static String transition(Pod pod, String type) {
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()))
                .findFirst().orElseThrow().getLastTransitionTime();
    }
}
