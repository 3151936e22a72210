package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.ACCEPTED;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.answer;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Items;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** An answer given after the job was renamed or moved still wakes the waiting step. */
@WithJenkins
class ApprovalAcrossRenameTest {

    @RegisterExtension
    final MockCluster cluster = MockCluster.sampleApp();

    @Test
    void anAnswerAfterTheJobWasRenamedWakesTheStep(JenkinsRule r) throws Exception {
        WorkflowJob p = ReleaseJenkins.releaseJob(r, cluster, "");
        WorkflowRun b = ReleaseJenkins.startAndWaitForApproval(r, p);

        p.renameTo("shop-release-renamed");
        assertThat(answer(r, b, null, pendingApproval(b).getId(), "promote", null).status()).isEqualTo(ACCEPTED);

        // Before the fix the answer was recorded but never woke the step: this waited until the test timed out.
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v2", 100));
    }

    @Test
    void anAnswerAfterTheJobWasMovedIntoAFolderWakesTheStep(JenkinsRule r) throws Exception {
        WorkflowJob p = ReleaseJenkins.releaseJob(r, cluster, "");
        WorkflowRun b = ReleaseJenkins.startAndWaitForApproval(r, p);
        Folder team = r.jenkins.createProject(Folder.class, "team");

        Items.move(p, team);
        WorkflowRun moved = ((WorkflowJob) team.getItem("shop-release")).getBuildByNumber(b.getNumber());
        assertThat(answer(r, moved, null, pendingApproval(moved).getId(), "rollback", null).status()).isEqualTo(ACCEPTED);

        r.assertBuildStatusSuccess(r.waitForCompletion(moved));
        assertThat(cluster.primaryWeights().get("v1")).isEqualTo(100);
    }
}
