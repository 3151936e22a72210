package io.jenkins.plugins.grayrelease.core.workload;

import static io.jenkins.plugins.grayrelease.core.testing.Workloads.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.jenkins.plugins.grayrelease.core.testing.Workloads.PodState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodProblemsTest {

    private static Pod pod(String name, PodState state) {
        return io.jenkins.plugins.grayrelease.core.testing.Workloads.pod("shop", name, Map.of("app", "reviews"), state);
    }

    @Test
    void eachKindOfTroubleIsReportedWithKubernetesOwnReason() {
        record Case(PodState state, String describe) {
        }
        List<Case> cases = List.of(
                new Case(PodState.CRASH_LOOP, "CrashLoopBackOff (1 pod, e.g. p: back-off 1m20s restarting failed container=app pod=p; last exit: Error (1))"),
                new Case(PodState.IMAGE_PULL_BACK_OFF, "ImagePullBackOff (1 pod, e.g. p: Back-off pulling image \"example.org/app:9\")"),
                new Case(PodState.UNSCHEDULABLE, "Unschedulable (1 pod, e.g. p: 0/3 nodes are available: 3 Insufficient cpu.)"),
                new Case(PodState.READINESS_PROBE_FAILING, "NotReady (1 pod, e.g. p: containers with unready status: [app])"));
        for (Case c : cases) {
            assertThat(PodProblems.of(List.of(pod("p", c.state()))).orElseThrow().describe()).isEqualTo(c.describe());
        }
    }

    @Test
    void theReasonMostNotReadyPodsShareWins() {
        var problem = PodProblems.of(List.of(pod("a", PodState.IMAGE_PULL_BACK_OFF), pod("b", PodState.UNSCHEDULABLE),
                pod("c", PodState.UNSCHEDULABLE), pod("d", PodState.READY))).orElseThrow();

        assertThat(problem.reason()).isEqualTo("Unschedulable");
        assertThat(problem.pods()).isEqualTo(2);
        assertThat(problem.notReady()).isEqualTo(3);
        assertThat(problem.describe()).startsWith("Unschedulable (2 pods of 3 not ready, e.g. b: ");
    }

    @Test
    void readyPodsAndNoPodsAreNoProblem() {
        assertThat(PodProblems.of(List.of(pod("a", PodState.READY)))).isEmpty();
        assertThat(PodProblems.of(List.of())).isEmpty();
    }

    @Test
    void anEvictedPodAndAPodWithoutStatusAreNamed() {
        Pod evicted = new PodBuilder(pod("e", PodState.READY)).editStatus().withPhase("Failed").withReason("Evicted")
                .withMessage("The node was low on resource: memory.").withConditions().endStatus().build();
        Pod fresh = new PodBuilder().withNewMetadata().withName("f").endMetadata().build();

        assertThat(PodProblems.of(List.of(evicted)).orElseThrow().describe())
                .isEqualTo("Evicted (1 pod, e.g. e: The node was low on resource: memory.)");
        assertThat(PodProblems.of(List.of(fresh)).orElseThrow().reason()).isEqualTo("Pending");
    }
}
