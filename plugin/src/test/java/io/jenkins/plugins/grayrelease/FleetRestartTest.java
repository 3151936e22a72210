package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.ACCEPTED;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.answer;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.testing.DocPages;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** All or nothing across a controller restart inside a {@code withGrayRelease(targets: …)} block. */
class FleetRestartTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();
    @RegisterExtension
    final MockCluster eu = MockCluster.sampleApp();
    @RegisterExtension
    final MockCluster us = MockCluster.sampleApp();

    @Test
    void aFailureAfterARestartStillRollsBackTheWaveShiftedBeforeIt() throws Throwable {
        try (KubernetesClient client = us.client()) {
            // us-1 has no canary pods: wave 2 fails on the engine's readiness gate.
            client.apps().deployments().withName("reviews-v2").delete();
        }
        sessions.then(r -> {
            ReleaseJenkins.addFleetCredentials(r, eu, us);
            WorkflowRun b = ReleaseJenkins.pipeline(r, "fleet-restart", DocPages.firstBlock("docs/fleet.md", "In Jenkins", "groovy"))
                    .scheduleBuild2(0).waitForStart();
            r.waitForMessage("Waiting for a decision: eu-1 at 10 %. Go on with us-1?", b);
            assertThat(eu.primaryWeights()).isEqualTo(Map.of("v1", 90, "v2", 10));
        });
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("fleet-restart", WorkflowJob.class).getBuildByNumber(1);
            assertThat(answer(r, b, null, pendingApproval(b).getId(), "promote", null).status()).isEqualTo(ACCEPTED);

            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
            r.assertLogContains("grayRelease: weight 10 % (wave 2) failed on us-1/shop/reviews: ", b);
            r.assertLogContains("eu-1/shop/reviews (canary 10 % → 0 %)", b);
            assertThat(eu.primaryWeights()).as("eu-1, shifted before the restart, rolled back").isEqualTo(Map.of("v1", 100));
        });
    }
}
