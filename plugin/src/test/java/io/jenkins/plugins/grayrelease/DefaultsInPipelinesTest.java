package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.ACCEPTED;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.answer;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.config.GrayReleaseGlobalConfiguration;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** What Manage Jenkins → System → Gray Release sets is what a Jenkinsfile that names nothing uses. */
@WithJenkins
class DefaultsInPipelinesTest {

    @RegisterExtension
    final MockCluster cluster = MockCluster.sampleApp();

    @Test
    void aBlockWithoutClusterAccessUsesTheConfiguredClusterAndApprovers(JenkinsRule r) throws Exception {
        ReleaseJenkins.secure(r);
        ReleaseJenkins.addTokenCredential(r);
        GrayReleaseGlobalConfiguration config = GrayReleaseGlobalConfiguration.get();
        config.setCredentialsId(ReleaseJenkins.CREDENTIALS_ID);
        config.setServerUrl(cluster.url());
        config.setApprovers("dave");
        WorkflowJob p = r.createProject(WorkflowJob.class, "defaults");
        p.setDefinition(new CpsFlowDefinition("withGrayRelease(namespace: 'shop', service: 'reviews', stable: 'v1', canary: 'v2') {\n"
                + "  grayRelease(weight: 10)\n"
                + "  def d = grayApproval(message: 'Promote?')\n"
                + "  if (d.decision == 'promote') { grayPromote() } else { grayRollback() }\n"
                + "}\n", true));

        WorkflowRun b = ReleaseJenkins.startAndWaitForApproval(r, p);
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 90, "v2", 10));
        String id = pendingApproval(b).getId();

        assertThat(answer(r, b, "alice", id, "promote", null).status()).as("Build permission, not an approver").isEqualTo(403);
        assertThat(answer(r, b, "dave", id, "promote", null).status()).isEqualTo(ACCEPTED);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v2", 100));
        assertThat(cluster.lastChangeBy()).as("the build's identity, not the approver's").isEqualTo("jenkins");
    }
}
