package io.jenkins.plugins.grayrelease.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult.Outcome;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import io.jenkins.plugins.grayrelease.core.workload.CanaryDeployment;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadWait;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A plan's canaryScale and setCanaryScale steps, run through the runner on the sandbox. */
class RolloutCanaryScaleTest {

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSampleApp();
    private final List<String> log = new CopyOnWriteArrayList<>();

    RolloutCanaryScaleTest() {
        // A spec write (not the scale subresource): the sandbox then reports the 10 replicas available.
        cluster.client().apps().deployments().inNamespace("shop").withName("reviews-v1").edit(d -> {
            d.getSpec().setReplicas(10);
            return d;
        });
        cluster.engine().deployCanary(SampleTargets.reviews(), new CanaryDeployment("example.org/reviews:2.0", "v2", 1, null, null),
                WorkloadWait.none());
    }

    private int canaryReplicas() {
        return cluster.client().apps().deployments().inNamespace("shop").withName("reviews-v2").get().getSpec().getReplicas();
    }

    @Test
    void thePlansScaleFollowsTheWeightAndAStepFixesTheReplicasUntilTheNextOne() {
        String plan = SampleTargets.plan("""
                canaryScale: traffic
                steps:
                  - setWeight: 20
                  - setCanaryScale: 4
                  - setWeight: 30
                """);
        List<Integer> replicasAfterEachStep = new CopyOnWriteArrayList<>();
        RolloutListener listener = RolloutListener.both(new RolloutNarration(log::add), new RolloutListener() {
            @Override
            public void stepFinished(int index, io.jenkins.plugins.grayrelease.core.rollout.plan.Step step) {
                replicasAfterEachStep.add(canaryReplicas());
            }
        });

        RolloutResult result = new RolloutRunner(cluster.engine(), ScriptedGate.silent(), listener, RolloutRunner.Settings.defaults())
                .run(new PlanParser().parse(plan, "plan.yaml"));

        assertThat(result.outcome()).isEqualTo(Outcome.PROMOTED);
        assertThat(replicasAfterEachStep).containsExactly(2, 4, 4);
        assertThat(canaryReplicas()).as("promotion gives the canary the stable's replicas").isEqualTo(10);
        assertThat(log).contains("[2/3] setCanaryScale 4", "  shop/Deployment/reviews-v2: canary scaled up to 4 replicas",
                "  shop/Deployment/reviews-v2: 4 of 4 canary pods ready");
    }
}
