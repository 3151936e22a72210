package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.emergencyRollBack;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The job page's emergency Roll back covers a fleet release: every member, with the same permission checks. */
@WithJenkins
class FleetEmergencyRollBackTest {

    @RegisterExtension
    final MockCluster eu = MockCluster.sampleApp();
    @RegisterExtension
    final MockCluster us = MockCluster.sampleApp();

    @Test
    void rollBackFromTheJobPageRestoresStableInEveryClusterOfTheFleetAndAnswersItsDecision(JenkinsRule r) throws Exception {
        ReleaseJenkins.secure(r);
        ReleaseJenkins.addFleetCredentials(r, eu, us);
        WorkflowJob p = ReleaseJenkins.pipeline(r, "fleet-emergency", "withGrayRelease(namespace: 'shop', service: 'reviews',"
                + " stable: 'v1', canary: 'v2', targets: [[credentialsId: 'eu-1'], [credentialsId: 'us-1', wave: 2]]) {\n"
                + "  grayRelease(weight: 10)\n"
                + "  grayRelease(weight: 10, wave: 2)\n"
                + "  def d = grayApproval(message: 'Both at 10 %. Promote?')\n"
                + "  echo \"decision: ${d.decision}\"\n"
                + "  if (d.decision == 'promote') { grayPromote() }\n"
                + "}\n");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: Both at 10 %. Promote?", b);
        String fleetId = b.getAction(GrayReleaseAction.class).getFleets().get(0).getId();

        assertThat(JobPage.now(r.createWebClient().login("bob"), p)).contains("eu-1 shop/reviews: 10 % PROGRESSING")
                .contains("us-1 shop/reviews: 10 % PROGRESSING").doesNotContain("Roll back fleet");
        assertThat(emergencyRollBack(r, p, "bob").status()).as("bob may only read").isEqualTo(403);
        assertThat(us.primaryWeights()).isEqualTo(Map.of("v1", 90, "v2", 10));
        assertThat(JobPage.now(r.createWebClient().login("carol"), p))
                .contains("Roll back fleet " + fleetId + ": every member to its recorded stable");

        assertThat(emergencyRollBack(r, p, "carol").status()).isEqualTo(200);

        assertThat(eu.primaryWeights()).isEqualTo(Map.of("v1", 100));
        assertThat(us.primaryWeights()).isEqualTo(Map.of("v1", 100));
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("decision: rollback", b);
        assertThat(b.getAction(GrayReleaseAction.class).getFleets()).singleElement()
                .satisfies(f -> assertThat(f.getOverall()).isEqualTo("ROLLED_BACK"));
    }
}
