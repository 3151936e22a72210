package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.ACCEPTED;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.answer;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** grayRollout runs the engine's plan with its approvals answered on the build page. */
@WithJenkins
class GrayRolloutTest {

    static final String PLAN = """
            name: reviews-v2
            target:
              namespace: shop
              service: reviews
              stable: v1
              canary: v2
            steps:
              - setWeight: 20
              - approval:
                  message: "Canary at 20 %. Go on?"
                  decisions: [promote, rollback]
              - setWeight: 50
            """;

    @RegisterExtension
    final MockCluster cluster = MockCluster.sampleApp();

    private WorkflowRun startRollout(JenkinsRule r) throws Exception {
        return startRollout(r, cluster);
    }

    /** A job running {@link #PLAN} inside withGrayRelease, started and waiting at the plan's approval. */
    static WorkflowRun startRollout(JenkinsRule r, MockCluster cluster) throws Exception {
        ReleaseJenkins.addTokenCredential(r);
        WorkflowJob p = r.createProject(WorkflowJob.class, "rollout");
        p.setDefinition(new CpsFlowDefinition("withGrayRelease(service: 'reviews', credentialsId: '" + ReleaseJenkins.CREDENTIALS_ID
                + "', serverUrl: '" + cluster.url() + "') {\n"
                + "  def result = grayRollout(plan: '''" + PLAN + "''')\n"
                + "  echo \"rollout ended: ${result.outcome}, stable ${result.status.weights.stable} %\"\n"
                + "}\n", true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: Canary at 20 %. Go on?", b);
        return b;
    }

    @Test
    void aRejectedApprovalRollsBackAndFailsTheBuild(JenkinsRule r) throws Exception {
        WorkflowRun b = startRollout(r);
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 80, "v2", 20));

        assertThat(answer(r, b, null, pendingApproval(b).getId(), "rollback", null).status()).isEqualTo(ACCEPTED);

        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
        r.assertLogContains("ROLLED_BACK_BY_DECISION", b);
        assertThat(cluster.primaryWeights().get("v1")).isEqualTo(100);
        assertThat(cluster.primaryWeights().getOrDefault("v2", 0)).isZero();
        assertThat(b.getAction(GrayReleaseAction.class).getTargets()).singleElement()
                .satisfies(t -> assertThat(t.getCanaryWeight()).isZero());
    }

    @Test
    void anApprovedRolloutRunsToPromotion(JenkinsRule r) throws Exception {
        WorkflowRun b = startRollout(r);

        answer(r, b, null, pendingApproval(b).getId(), "promote", null);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("rollout ended: PROMOTED, stable 100 %", b);
        assertThat(cluster.primaryWeights().get("v2")).isEqualTo(100);
    }

    @Test
    void aPlanWithoutTargetReleasesWhatWithGrayReleaseNames(JenkinsRule r) throws Exception {
        WorkflowJob p = ReleaseJenkins.sampleJob(r, cluster, "steps-only", "  grayRollout(plan: 'steps: [{setWeight: 30}]')\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("setWeight 30", b);
        assertThat(cluster.primaryWeights().get("v2")).as("promoted after its only step").isEqualTo(100);
    }

    @Test
    void aDecisionThePlanDoesNotOfferIsRefused(JenkinsRule r) throws Exception {
        WorkflowRun b = startRollout(r);
        String id = pendingApproval(b).getId();

        ReleaseJenkins.Answer refused = answer(r, b, null, id, "setWeight", "30");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("offers only promote, rollback");
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 80, "v2", 20));
        answer(r, b, null, id, "rollback", null);
        r.waitForCompletion(b);
    }
}
