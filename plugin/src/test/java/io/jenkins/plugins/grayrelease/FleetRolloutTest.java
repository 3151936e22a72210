package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.ACCEPTED;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.answer;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.core.testing.DocPages;
import java.util.Map;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code grayRollout} with a plan naming {@code targets:} and {@code waves:} runs through the engine's fleet runner:
 * each target's {@code cluster} is a credential id, a wave's approval is the build page's buttons.
 */
@WithJenkins
class FleetRolloutTest {

    @RegisterExtension
    final MockCluster eu = MockCluster.sampleApp();
    @RegisterExtension
    final MockCluster us = MockCluster.sampleApp();

    /** The plan of docs/fleet.md's "A fleet plan with grayRollout", as written there. */
    static final String PLAN = DocPages.firstBlock("docs/fleet.md", "A fleet plan with grayRollout", "yaml");

    @Test
    void aFleetPlanRunsItsFirstWaveAsksOnTheBuildPageThenRunsTheSecondAndPromotesEverywhere(JenkinsRule r) throws Exception {
        ReleaseJenkins.secure(r);
        ReleaseJenkins.addFleetCredentials(r, eu, us);
        WorkflowJob p = ReleaseJenkins.pipeline(r, "fleet-rollout", "def s = grayRollout(plan: '''" + PLAN + "''')\n"
                + "echo \"result: ${s.result}, fleet: ${s.fleet.phase}, ${s.fleet.targets[1].id} at ${s.fleet.targets[1].canaryWeight} %\"\n");

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: eu-1 at 10 %. Go on with us-1?", b);
        assertThat(eu.primaryWeights()).isEqualTo(Map.of("v1", 90, "v2", 10));
        assertThat(us.primaryWeights()).as("wave 2 has not started").isEqualTo(Map.of("v1", 100));
        JenkinsRule.WebClient wc = r.createWebClient().login("alice");
        wc.getOptions().setJavaScriptEnabled(false);
        HtmlPage page = wc.goTo(b.getUrl() + GrayReleaseAction.URL_NAME + "/");
        // While the wave waits, its members record the question (PAUSED); us-1 (wave 2) is not written yet.
        assertThat(page.querySelectorAll("table.gray-release-fleet tbody tr").stream().map(DomNode::asNormalizedText).toList())
                .satisfiesExactly(row -> assertThat(row).startsWith("eu-1\tshop/reviews\t10 %\tPAUSED"),
                        row -> assertThat(row).startsWith("us-1\tshop/reviews\t0 %\t—"));
        assertThat(page.querySelectorAll("button[value=promote]")).hasSize(1);
        assertThat(answer(r, b, "bob", pendingApproval(b).getId(), "promote", null).status()).as("bob may only read").isEqualTo(403);

        assertThat(answer(r, b, "alice", pendingApproval(b).getId(), "promote", null).status()).isEqualTo(ACCEPTED);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(eu.primaryWeights()).isEqualTo(Map.of("v2", 100));
        assertThat(us.primaryWeights()).isEqualTo(Map.of("v2", 100));
        r.assertLogContains("result: DONE, fleet: PROMOTED, us-1/shop/reviews at 100 %", b);
    }

    @Test
    void aFleetPlanWhoseSecondWaveFailsRollsBackTheFirstAndFailsTheBuildWithTheEnginesSentence(JenkinsRule r) throws Exception {
        ReleaseJenkins.addFleetCredentials(r, eu, us);
        try (var client = us.client()) {
            // us-1 has no canary pods: the engine's readiness gate refuses to send it traffic.
            client.apps().deployments().withName("reviews-v2").delete();
        }
        WorkflowJob p = ReleaseJenkins.pipeline(r, "fleet-rollout-fails", "grayRollout(plan: '''" + PLAN + "''')\n");

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: eu-1 at 10 %. Go on with us-1?", b);
        assertThat(answer(r, b, null, pendingApproval(b).getId(), "promote", null).status()).isEqualTo(ACCEPTED);

        r.assertBuildStatus(hudson.model.Result.FAILURE, r.waitForCompletion(b));
        assertThat(eu.primaryWeights()).as("eu-1 rolled back").isEqualTo(Map.of("v1", 100));
        r.assertLogContains("grayRollout: ", b);
        r.assertLogContains("failed on us-1/shop/reviews: ", b);
        r.assertLogContains("eu-1/shop/reviews (canary 10 % → 0 %)", b);
    }
}
