package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.ACCEPTED;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.answer;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A Jenkinsfile written the way Jenkins users write it never takes the wrong branch silently: a
 * decision compared like {@code input}'s result works, a comparison that cannot be meant fails
 * the build, and {@code grayRollout(propagate: false)} hands every outcome to the Jenkinsfile.
 */
@WithJenkins
class NoWrongBranchTest {

    @RegisterExtension
    final MockCluster cluster = MockCluster.sampleApp();

    private WorkflowRun startApproval(JenkinsRule r, String branch) throws Exception {
        WorkflowJob p = ReleaseJenkins.sampleJob(r, cluster, "branches", "  grayRelease(weight: 10)\n"
                + "  def d = grayApproval(message: 'Promote?')\n"
                + branch);
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: Promote?", b);
        return b;
    }

    @Test
    void aDecisionComparedLikeAnInputResultTakesTheBranchThePersonChose(JenkinsRule r) throws Exception {
        WorkflowRun b = startApproval(r, "  if (d == 'promote') { grayPromote() } else { grayRollback() }\n");

        assertThat(answer(r, b, null, pendingApproval(b).getId(), "promote", null).status()).isEqualTo(ACCEPTED);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(cluster.primaryWeights()).as("Promote was pressed").isEqualTo(Map.of("v2", 100));
    }

    @Test
    void aRollBackComparedLikeAnInputResultRollsBack(JenkinsRule r) throws Exception {
        WorkflowRun b = startApproval(r, "  if (d == 'rollback') { grayRollback() } else { grayPromote() }\n");

        answer(r, b, null, pendingApproval(b).getId(), "rollback", null);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(cluster.primaryWeights().get("v1")).isEqualTo(100);
        assertThat(cluster.primaryWeights().getOrDefault("v2", 0)).isZero();
    }

    @Test
    void comparingWithAWordThatIsNoDecisionFailsTheBuildNamingTheField(JenkinsRule r) throws Exception {
        WorkflowRun b = startApproval(r, "  if (d == 'promoted') { grayPromote() } else { grayRollback() }\n");

        answer(r, b, null, pendingApproval(b).getId(), "promote", null);

        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
        r.assertLogContains("grayApproval: the result was compared with 'promoted', which is no decision (decisions: promote,"
                + " rollback, setWeight, abort). Compare d.decision, here 'promote', with one of them", b);
        assertThat(cluster.primaryWeights()).as("neither branch ran").isEqualTo(Map.of("v1", 90, "v2", 10));
    }

    @Test
    void aRolloutWithPropagateFalseReturnsItsDocumentWhenItRollsBack(JenkinsRule r) throws Exception {
        ReleaseJenkins.addTokenCredential(r);
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition("withGrayRelease(service: 'reviews', credentialsId: '" + ReleaseJenkins.CREDENTIALS_ID
                + "', serverUrl: '" + cluster.url() + "') {\n"
                + "  def result = grayRollout(plan: '''" + GrayRolloutTest.PLAN + "''', propagate: false)\n"
                + "  if (result.outcome == 'PROMOTED') { echo 'shipped' } else { echo \"not shipped: ${result.outcome}\" }\n"
                + "}\n", true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: Canary at 20 %. Go on?", b);

        answer(r, b, null, pendingApproval(b).getId(), "rollback", null);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("not shipped: ROLLED_BACK_BY_DECISION", b);
        assertThat(cluster.primaryWeights().get("v1")).isEqualTo(100);
        assertThat(cluster.primaryWeights().getOrDefault("v2", 0)).isZero();
    }
}
