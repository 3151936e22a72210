package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.ACCEPTED;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.answer;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A rollout waiting at its approval continues after a restart from the step the cluster recorded. */
class GrayRolloutRestartTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    /** Outlives the Jenkins restarts: it stands for the real cluster, which does not restart with Jenkins. */
    @RegisterExtension
    static final MockCluster cluster = MockCluster.sampleApp();

    @Test
    void aRolloutResumesAtItsApprovalAndAsksOnlyOnce() throws Throwable {
        sessions.then(r -> {
            GrayRolloutTest.startRollout(r, cluster);
            assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 80, "v2", 20));
        });
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("rollout", WorkflowJob.class).getBuildByNumber(1);
            r.waitForMessage("Resuming rollout reviews-v2 at step 2 of 3", b);

            assertThat(answer(r, b, null, pendingApproval(b).getId(), "promote", null).status()).isEqualTo(ACCEPTED);

            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("rollout ended: PROMOTED", b);
            assertThat(b.getAction(GrayReleaseAction.class).getApprovals()).hasSize(1);
            assertThat(cluster.primaryWeights().get("v2")).isEqualTo(100);
        });
    }
}
