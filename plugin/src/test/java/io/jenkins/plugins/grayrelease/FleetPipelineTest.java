package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.ACCEPTED;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.answer;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.approval.Approval;
import io.jenkins.plugins.grayrelease.core.testing.DocPages;
import java.util.List;
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
 * {@code withGrayRelease(targets: …)} against two sandbox API servers, {@code eu-1} and {@code us-1},
 * each holding the sample application and reached by its own kubeconfig credential: one step moves
 * both, the build page shows both in one table with one set of buttons, and a failure in one
 * cluster rolls the other back.
 */
@WithJenkins
class FleetPipelineTest {

    @RegisterExtension
    final MockCluster eu = MockCluster.sampleApp();
    @RegisterExtension
    final MockCluster us = MockCluster.sampleApp();

    @Test
    void oneGrayReleaseMovesBothClustersAndOnePromoteButtonPromotesTheWholeFleet(JenkinsRule r) throws Exception {
        ReleaseJenkins.secure(r);
        ReleaseJenkins.addFleetCredentials(r, eu, us);
        WorkflowJob p = ReleaseJenkins.pipeline(r, "fleet", "withGrayRelease(namespace: 'shop', service: 'reviews', stable: 'v1', canary: 'v2', targets: [\n"
                + "    [credentialsId: 'eu-1'],\n"
                + "    [credentialsId: 'us-1', cluster: 'us-1 <b>west</b>']\n"
                + "]) {\n"
                + "  def s = grayRelease(weight: 10)\n"
                + "  echo \"changed: ${s.changed}\"\n"
                + "  def st = grayStatus()\n"
                + "  echo \"status: ${st.fleet.phase}, ${st.fleet.targets[0].id} at ${st.fleet.targets[0].canaryWeight} %,"
                + " ready ${st.fleet.targets[1].readyPods}, wave ${st.wave}; release: ${s.result}, ${s.fleet.targets[1].canaryWeight} %\"\n"
                + "  def d = grayApproval(message: 'Both clusters at 10 %. Promote?')\n"
                + "  if (d.decision == 'promote') { grayPromote() } else { grayRollback() }\n"
                + "}\n");

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: Both clusters at 10 %. Promote?", b);

        assertThat(eu.primaryWeights()).isEqualTo(Map.of("v1", 90, "v2", 10));
        assertThat(us.primaryWeights()).isEqualTo(Map.of("v1", 90, "v2", 10));
        r.assertLogContains("changed: [eu-1/shop/reviews, us-1 <b>west</b>/shop/reviews]", b);
        // The steps return core's status document (what grayctl prints): the fleet's rows under fleet.targets.
        r.assertLogContains("status: PROGRESSING, eu-1/shop/reviews at 10 %, ready 2/2, wave 1; release: DONE, 10 %", b);

        HtmlPage page = buildPage(r, b);
        List<String> rows = page.querySelectorAll("table.gray-release-fleet tbody tr").stream().map(DomNode::asNormalizedText).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).startsWith("eu-1\tshop/reviews\t10 %\tPROGRESSING\t2/2\t");
        assertThat(rows.get(1)).startsWith("us-1 <b>west</b>\tshop/reviews\t10 %\tPROGRESSING\t2/2\t");
        String html = page.getWebResponse().getContentAsString();
        // The cluster's name is text: Jelly escapes it, no element is made of it.
        assertThat(html).contains("us-1 &lt;b>west&lt;/b>").doesNotContain("<b>west</b>");
        // One decision for the whole release: one Promote, one Roll back, one Set weight, under the fleet's table.
        Approval approval = pendingApproval(b);
        assertThat(page.querySelectorAll("button[value=promote]")).hasSize(1);
        assertThat(page.querySelectorAll("button[value=rollback]")).hasSize(1);
        assertThat(page.querySelectorAll("button[value=setWeight]")).hasSize(1);
        // The buttons answer the wave's approval, and sit under the fleet's table, not among single targets' decisions.
        assertThat(html).containsSubsequence("class=\"jenkins-table jenkins-table--small gray-release-fleet\"",
                "action=\"" + approval.getId() + "/decide\"", "Pending decisions", "Nothing is waiting for a decision.");

        assertThat(answer(r, b, "bob", approval.getId(), "promote", null).status()).as("bob may only read").isEqualTo(403);
        assertThat(answer(r, b, "alice", approval.getId(), "promote", null).status()).isEqualTo(ACCEPTED);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(eu.primaryWeights()).isEqualTo(Map.of("v2", 100));
        assertThat(us.primaryWeights()).isEqualTo(Map.of("v2", 100));
        assertThat(buildPage(r, b).querySelectorAll("table.gray-release-fleet tbody tr").stream().map(DomNode::asNormalizedText))
                .allSatisfy(row -> assertThat(row).contains("\t100 %\tPROMOTED\t"));
    }

    @Test
    void theDocsJenkinsfileRollsBackTheFirstWaveWhenTheSecondClusterFails(JenkinsRule r) throws Exception {
        ReleaseJenkins.addFleetCredentials(r, eu, us);
        try (KubernetesClient client = us.client()) {
            // us-1 has no canary pods: the engine's readiness gate refuses to send it traffic.
            client.apps().deployments().withName("reviews-v2").delete();
        }
        WorkflowJob p = ReleaseJenkins.pipeline(r, "fleet-docs", docsJenkinsfile());

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: eu-1 at 10 %. Go on with us-1?", b);
        assertThat(eu.primaryWeights()).isEqualTo(Map.of("v1", 90, "v2", 10));
        assertThat(us.primaryWeights()).as("wave 2 has not started").isEqualTo(Map.of("v1", 100));
        assertThat(answer(r, b, null, pendingApproval(b).getId(), "promote", null).status()).isEqualTo(ACCEPTED);

        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
        assertThat(eu.primaryWeights()).as("eu-1 rolled back").isEqualTo(Map.of("v1", 100));
        assertThat(us.primaryWeights()).isEqualTo(Map.of("v1", 100));
        r.assertLogContains("grayRelease: weight 10 % (wave 2) failed on us-1/shop/reviews: ", b);
        r.assertLogContains("rolled back in reverse order: eu-1/shop/reviews (canary 10 % → 0 %)", b);
        assertThat(b.getAction(GrayReleaseAction.class).getFleets()).singleElement()
                .satisfies(f -> assertThat(f.getRows()).extracting(row -> row.getPhase()).containsExactly("ROLLED_BACK", null));
    }

    @Test
    void aTargetNamingOnlyAContextIsRefusedBeforeAnyClusterIsWritten(JenkinsRule r) throws Exception {
        ReleaseJenkins.addFleetCredentials(r, eu, us);
        WorkflowJob p = ReleaseJenkins.pipeline(r, "fleet-own-identity", "withGrayRelease(namespace: 'shop', service: 'reviews', stable: 'v1', canary: 'v2',"
                + " targets: [[credentialsId: 'eu-1'], [context: 'prod-admin']]) {\n  grayRelease(weight: 10)\n}\n");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("grayRelease: withGrayRelease: credentialsId: context: 'prod-admin' names no credential, and the"
                + " controller's own Kubernetes identity is not used for fleet-own-identity", b);
        assertThat(eu.primaryWeights()).as("nothing written").isEqualTo(Map.of("v1", 100));
    }

    private static HtmlPage buildPage(JenkinsRule r, WorkflowRun b) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("alice");
        wc.getOptions().setJavaScriptEnabled(false);
        return wc.goTo(b.getUrl() + GrayReleaseAction.URL_NAME + "/");
    }

    /** The Jenkinsfile of docs/fleet.md's section "In Jenkins", as written there. */
    private static String docsJenkinsfile() throws Exception {
        return DocPages.firstBlock("docs/fleet.md", "In Jenkins", "groovy");
    }
}
