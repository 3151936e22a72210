package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.emergencyRollBack;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.startAndWaitForApproval;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.approval.Approval;
import java.util.Map;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The job page shows the last release live and stops it in one press. */
@WithJenkins
class EmergencyRollBackTest {

    @RegisterExtension
    final MockCluster cluster = MockCluster.sampleApp();

    @Test
    void rollBackFromTheJobPageRestoresStableAndAnswersThePendingDecision(JenkinsRule r) throws Exception {
        ReleaseJenkins.secure(r);
        WorkflowJob p = ReleaseJenkins.releaseJob(r, cluster, "");
        WorkflowRun b = startAndWaitForApproval(r, p);
        Approval approval = pendingApproval(b);
        assertThat(JobPage.afterReading(r.createWebClient().login("carol"), p))
                .as("the button says what it does").contains("Roll back: all traffic of shop/reviews to stable reviews/v1");

        assertThat(emergencyRollBack(r, p, "carol").status()).isEqualTo(200);

        assertThat(cluster.primaryWeights().get("v1")).isEqualTo(100);
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("decision: rollback", b);
        assertThat(b.getAction(GrayReleaseAction.class).getApproval(approval.getId()).getDecidedBy()).isEqualTo("carol");
    }

    @Test
    void afterAPromotionTheJobPageOffersNoRollBackAndAScriptedOneKeepsThePromotedVersion(JenkinsRule r) throws Exception {
        ReleaseJenkins.secure(r);
        WorkflowJob p = ReleaseJenkins.releaseJob(r, cluster, "");
        WorkflowRun b = startAndWaitForApproval(r, p);
        ReleaseJenkins.answer(r, b, "alice", pendingApproval(b).getId(), "promote", null);
        r.assertBuildStatusSuccess(r.waitForCompletion(b));

        assertThat(JobPage.afterReading(r.createWebClient().login("carol"), p))
                .contains("Nothing to roll back for shop/reviews").doesNotContain("Roll back:");
        // The recorded stable is v2 now; the Jenkinsfile's stable: 'v1' must not bring the old version back.
        assertThat(emergencyRollBack(r, p, "carol").status()).isEqualTo(200);
        assertThat(cluster.primaryWeights().get("v2")).isEqualTo(100);
        assertThat(cluster.primaryWeights().getOrDefault("v1", 0)).isZero();
    }

    @Test
    void aReaderMayLookButNotRollBack(JenkinsRule r) throws Exception {
        ReleaseJenkins.secure(r);
        WorkflowJob p = ReleaseJenkins.releaseJob(r, cluster, "");
        WorkflowRun b = startAndWaitForApproval(r, p);

        HtmlPage page = r.createWebClient().login("bob").goTo(p.getUrl() + GrayReleaseAction.URL_NAME + "/");
        assertThat(page.asNormalizedText()).contains("shop/reviews").doesNotContain("Roll back:");
        assertThat(JobPage.afterReading(r.createWebClient().login("bob"), p)).contains("canary reviews/v2: 10 %").doesNotContain("Roll back:");
        assertThat(emergencyRollBack(r, p, "bob").status()).isEqualTo(403);

        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 90, "v2", 10));
        ReleaseJenkins.answer(r, b, "alice", pendingApproval(b).getId(), "rollback", null);
        r.waitForCompletion(b);
    }
}
