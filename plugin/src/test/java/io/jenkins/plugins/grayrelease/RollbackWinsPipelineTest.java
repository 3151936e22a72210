package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.emergencyRollBack;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.approval.Approval;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Issue #19, parts 1 and 2 in Jenkins: the job page's Roll back now wins over every running build
 * of the job that touches the release — during a rollout's pause, during a {@code sleep} between
 * steps, at an older build's approval, at an approval that does not offer rollback.
 */
@WithJenkins
class RollbackWinsPipelineTest {

    @RegisterExtension
    final MockCluster cluster = MockCluster.sampleApp();

    private WorkflowJob job(JenkinsRule r, String name, String body) throws Exception {
        ReleaseJenkins.secure(r);
        return ReleaseJenkins.sampleJob(r, cluster, name, body);
    }

    /** Waits for the build to end; a bound so that a build that never stops fails the test (not a timing assertion). */
    private static WorkflowRun ended(WorkflowRun b) throws Exception {
        b.getExecutionPromise().get(60, TimeUnit.SECONDS);
        for (int i = 0; i < 600 && b.isBuilding(); i++) {
            Thread.sleep(100);
        }
        assertThat(b.isBuilding()).as("the build ended").isFalse();
        return b;
    }

    @Test
    void rollBackNowDuringAGrayRolloutPauseEndsTheBuildAbortedAndNothingIsPromoted(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, "rollout-pause", "  grayRollout(plan: 'steps: [{setWeight: 10}, {pause: 45m}, {setWeight: 50}]')\n");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("[2/3] pause 45m", b);

        assertThat(emergencyRollBack(r, p, "carol").status()).isEqualTo(200);

        r.assertBuildStatus(Result.ABORTED, ended(b));
        r.assertLogContains("rolled back by carol", b);
        r.assertLogNotContains("weight: canary 50 %", b);
        assertThat(cluster.primaryWeights()).containsEntry("v1", 100);
        assertThat(cluster.primaryWeights().getOrDefault("v2", 0)).isZero();
    }

    @Test
    void rollBackNowDuringASleepBetweenStepsEndsTheBuildAbortedAndNothingIsPromoted(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, "sleep-between", "  grayRelease(weight: 10)\n  echo 'sleeping now'\n  sleep 600\n"
                + "  grayRelease(weight: 50)\n  grayPromote()\n");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("sleeping now", b);

        assertThat(emergencyRollBack(r, p, "carol").status()).isEqualTo(200);

        r.assertBuildStatus(Result.ABORTED, ended(b));
        r.assertLogContains("was rolled back by carol", b);
        r.assertLogNotContains("setWeight 50", b);
        assertThat(cluster.primaryWeights()).containsEntry("v1", 100);
        assertThat(cluster.primaryWeights().getOrDefault("v2", 0)).isZero();
        assertThat(cluster.lastChangeBy()).isEqualTo("carol");

        // A later, deliberate release (a new build) still works: the rollback stopped that build, not the service.
        p.setDefinition(new CpsFlowDefinition(ReleaseJenkins.sampleBlock(cluster, "  grayRelease(weight: 10)\n"), true));
        r.buildAndAssertSuccess(p);
        assertThat(cluster.primaryWeights()).containsEntry("v2", 10);
    }

    @Test
    void rollBackNowAnswersTheApprovalsOfAnOlderBuildStillRunningToo(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, "concurrent", "  grayRelease(weight: 10)\n"
                + "  def d = grayApproval(message: 'Promote?')\n"
                + "  echo \"decision: ${d.decision} by ${d.decidedBy}\"\n"
                + "  if (d.decision == 'promote') { grayPromote() }\n");
        p.setConcurrentBuild(true);
        WorkflowRun older = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: Promote?", older);
        WorkflowRun newer = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: Promote?", newer);
        Approval olderApproval = pendingApproval(older);

        assertThat(emergencyRollBack(r, p, "carol").status()).isEqualTo(200);

        r.assertBuildStatusSuccess(ended(older));
        r.assertBuildStatusSuccess(ended(newer));
        r.assertLogContains("decision: rollback by carol", older);
        r.assertLogContains("decision: rollback by carol", newer);
        assertThat(older.getAction(GrayReleaseAction.class).getApproval(olderApproval.getId()).getDecidedBy()).isEqualTo("carol");
        assertThat(cluster.primaryWeights()).containsEntry("v1", 100);
    }

    @Test
    void anApprovalThatDoesNotOfferRollbackEndsWithAnErrorSayingTheReleaseWasRolledBack(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, "no-rollback-choice", "  grayRelease(weight: 10)\n"
                + "  def d = grayApproval(message: 'Promote?', choices: ['promote', 'abort'])\n"
                + "  if (d.decision == 'abort') { error('stopped by the approver') }\n"
                + "  grayPromote()\n");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: Promote?", b);
        Approval approval = pendingApproval(b);

        assertThat(emergencyRollBack(r, p, "carol").status()).isEqualTo(200);

        r.assertBuildStatus(Result.FAILURE, ended(b));
        r.assertLogContains("The release of shop/reviews was rolled back by carol at ", b);
        r.assertLogNotContains("stopped by the approver", b);
        r.assertLogNotContains("grayPromote", b);
        Approval after = b.getAction(GrayReleaseAction.class).getApproval(approval.getId());
        assertThat(after.getDecision()).as("never a decision the Jenkinsfile did not offer").isNull();
        assertThat(after.isCancelled()).isTrue();
        assertThat(cluster.primaryWeights()).containsEntry("v1", 100);
        assertThat(cluster.primaryWeights().getOrDefault("v2", 0)).isZero();
    }
}
