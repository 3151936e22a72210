package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.ACCEPTED;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.answer;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.startAndWaitForApproval;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Result;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.action.HistoryEntry;
import io.jenkins.plugins.grayrelease.approval.Approval;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The README's release Jenkinsfile against a mock Kubernetes API: every stage shows in the VirtualService. */
@WithJenkins
class GrayReleasePipelineTest {

    @RegisterExtension
    final MockCluster cluster = MockCluster.sampleApp();

    @Test
    void promoteFromTheBuildPageSendsAllTrafficToTheCanary(JenkinsRule r) throws Exception {
        ReleaseJenkins.secure(r);
        WorkflowJob p = ReleaseJenkins.releaseJob(r, cluster, "");
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 100));

        WorkflowRun b = startAndWaitForApproval(r, p);
        assertThat(cluster.primaryWeights()).as("while waiting for the decision").isEqualTo(Map.of("v1", 90, "v2", 10));

        Approval approval = pendingApproval(b);
        assertThat(answer(r, b, "alice", approval.getId(), "promote", null).status()).isEqualTo(ACCEPTED);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("canary weight is 10", b);
        r.assertLogContains("decision: promote", b);
        assertThat(cluster.primaryWeights().get("v2")).isEqualTo(100);
        assertThat(cluster.primaryWeights().getOrDefault("v1", 0)).isZero();
        assertThat(b.getAction(GrayReleaseAction.class).getHistory()).extracting(HistoryEntry::getUser).contains("alice");
        assertThat(cluster.lastChangeBy()).as("the build promotes, on alice's say-so: the change is the build's").isEqualTo("jenkins");
    }

    @Test
    void oneGrayReleaseCallIsOneGuardedWrite(JenkinsRule r) throws Exception {
        WorkflowJob p = ReleaseJenkins.sampleJob(r, cluster, "together",
                "  def s = grayRelease(weight: 10, testers: [[name: 'x-tester', value: 'yes']], mirror: 5)\n"
                + "  echo \"tester: ${s.testers[0].name}=${s.testers[0].value}, mirror: ${s.mirrorPercent} %\"\n");
        long before = Long.parseLong(cluster.resourceVersion());

        WorkflowRun b = r.buildAndAssertSuccess(p);

        assertThat(Long.parseLong(cluster.resourceVersion()) - before).as("stored writes").isEqualTo(1);
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 90, "v2", 10));
        r.assertLogContains("set canary weight to 10 %, sent testers (header x-tester: yes) to the canary, mirrored 5 % to the canary", b);
        r.assertLogContains("tester: x-tester=yes, mirror: 5 %", b);
    }

    @Test
    void aBadValueInOneGrayReleaseCallWritesNothing(JenkinsRule r) throws Exception {
        WorkflowJob p = ReleaseJenkins.sampleJob(r, cluster, "bad-mirror", "  grayRelease(weight: 10, mirror: 150)\n");
        String before = cluster.resourceVersion();

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("grayRelease: shop/VirtualService/reviews: mirror: 150 is outside 0-100", b);
        assertThat(cluster.resourceVersion()).isEqualTo(before);
    }

    @Test
    void aCanaryWithoutReadyPodsIsRefusedByTheEngineAndTheOptOutLetsItThrough(JenkinsRule r) throws Exception {
        ReleaseJenkins.addTokenCredential(r);
        String block = "withGrayRelease(namespace: 'shop', service: 'reviews', stable: 'v1', canary: 'v9',%s"
                + " credentialsId: '" + ReleaseJenkins.CREDENTIALS_ID + "', serverUrl: '" + cluster.url() + "') {\n"
                + "  grayRelease(weight: 10, addCanarySubset: true)\n"
                + "}\n";
        WorkflowJob refused = r.createProject(WorkflowJob.class, "no-v9-pods");
        refused.setDefinition(new CpsFlowDefinition(block.formatted(""), true));
        String before = cluster.resourceVersion();

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, refused);

        r.assertLogContains("grayRelease: shop/Service/reviews: spec.selector: no Deployment's pods carry app=reviews,version=v9,"
                + " so nothing would answer the 10 % of the traffic sent to the canary reviews/v9", b);
        assertThat(cluster.resourceVersion()).isEqualTo(before);

        WorkflowJob elsewhere = r.createProject(WorkflowJob.class, "v9-elsewhere");
        elsewhere.setDefinition(new CpsFlowDefinition(block.formatted(" readinessGate: false,"), true));
        r.buildAndAssertSuccess(elsewhere);
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 90, "v9", 10));
    }

    @Test
    void aDryRunPromoteOrRollBackShowsWhatItWouldDoAndWritesNothing(JenkinsRule r) throws Exception {
        WorkflowJob p = ReleaseJenkins.sampleJob(r, cluster, "dry-runs", "  grayRelease(weight: 10)\n"
                + "  echo \"written: ${grayStatus().weights.canary} %\"\n"
                + "  grayPromote(dryRun: true, cleanup: true, from: 'reviews-v1')\n"
                + "  grayRollback(dryRun: true)\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("written: 10 %", b);
        r.assertLogContains("dry run, nothing stored: promoted the canary and removed the old stable workload", b);
        r.assertLogContains("dry run, nothing stored: rolled back to stable", b);
        assertThat(cluster.primaryWeights()).as("what the first, real write left").isEqualTo(Map.of("v1", 90, "v2", 10));
    }

    @Test
    void anApprovalTakesAnswersOnlyByPostAtItsOwnAddress(JenkinsRule r) throws Exception {
        WorkflowRun b = startAndWaitForApproval(r, ReleaseJenkins.releaseJob(r, cluster, ""));
        String id = pendingApproval(b).getId();
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);

        assertThat(wc.goTo(b.getUrl() + GrayReleaseAction.URL_NAME + "/" + id + "/decide?decision=promote")
                .getWebResponse().getStatusCode()).as("GET").isEqualTo(405);
        assertThat(answer(r, b, null, "approval-999", "promote", null).status()).as("unknown id").isEqualTo(404);
        assertThat(answer(r, b, null, id, "ship", null).body()).contains("'ship' is not a decision; use one of promote, rollback, setWeight, abort");
        assertThat(pendingApproval(b).isPending()).isTrue();

        answer(r, b, null, id, "rollback", null);
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
    }

    @Test
    void rollBackFromTheBuildPageSendsAllTrafficToStable(JenkinsRule r) throws Exception {
        ReleaseJenkins.secure(r);
        WorkflowRun b = startAndWaitForApproval(r, ReleaseJenkins.releaseJob(r, cluster, ""));

        assertThat(answer(r, b, "alice", pendingApproval(b).getId(), "rollback", null).status()).isEqualTo(ACCEPTED);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("decision: rollback", b);
        assertThat(cluster.primaryWeights().getOrDefault("v2", 0)).isZero();
        assertThat(cluster.primaryWeights().get("v1")).isEqualTo(100);
    }

    @Test
    void setWeightIsReturnedToTheJenkinsfileWithTheChosenWeight(JenkinsRule r) throws Exception {
        WorkflowJob p = ReleaseJenkins.sampleJob(r, cluster, "weights", "  grayRelease(weight: 10)\n"
                + "  def d = grayApproval(message: 'Promote?')\n"
                + "  if (d.decision == 'setWeight') { grayRelease(weight: d.weight) }\n");
        WorkflowRun b = startAndWaitForApproval(r, p);

        assertThat(answer(r, b, null, pendingApproval(b).getId(), "setWeight", "30").status()).isEqualTo(ACCEPTED);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 70, "v2", 30));
    }

    @Test
    void testersGetTheirOwnRouteUntilRemoved(JenkinsRule r) throws Exception {
        WorkflowJob p = ReleaseJenkins.sampleJob(r, cluster, "testers", "grayRelease(testers: [[name: 'x-tester', value: 'yes']])\n");
        int before = cluster.routeCount();

        r.buildAndAssertSuccess(p);
        assertThat(cluster.routeCount()).isEqualTo(before + 1);
        assertThat(cluster.primaryWeights()).as("testers alone move no weight").isEqualTo(Map.of("v1", 100));

        p.setDefinition(new CpsFlowDefinition(ReleaseJenkins.sampleBlock(cluster, "grayRelease(removeTesters: true)\n"), true));
        r.buildAndAssertSuccess(p);
        assertThat(cluster.routeCount()).isEqualTo(before);
    }

    @Test
    void userWithoutBuildPermissionGets403AnonymousIsSentToSignInAndNothingChanges(JenkinsRule r) throws Exception {
        ReleaseJenkins.secure(r);
        WorkflowRun b = startAndWaitForApproval(r, ReleaseJenkins.releaseJob(r, cluster, ""));
        Approval approval = pendingApproval(b);

        assertThat(answer(r, b, "bob", approval.getId(), "promote", null).status()).isEqualTo(403);
        // Jenkins answers an anonymous user who may not even read with its sign-in page, not a 403.
        assertThat(answer(r, b, null, approval.getId(), "promote", null).body()).contains("<title>Sign in - Jenkins</title>");

        assertThat(approval.isPending()).isTrue();
        assertThat(b.isBuilding()).isTrue();
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 90, "v2", 10));

        answer(r, b, "alice", approval.getId(), "rollback", null);
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
    }

    @Test
    void cancelPermissionMayRollBackButNotPromote(JenkinsRule r) throws Exception {
        ReleaseJenkins.secure(r);
        WorkflowRun b = startAndWaitForApproval(r, ReleaseJenkins.releaseJob(r, cluster, ""));
        String id = pendingApproval(b).getId();

        assertThat(answer(r, b, "carol", id, "promote", null).status()).isEqualTo(403);
        assertThat(answer(r, b, "carol", id, "rollback", null).status()).isEqualTo(ACCEPTED);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(b.getAction(GrayReleaseAction.class).getApproval(id).getDecidedBy()).isEqualTo("carol");
        assertThat(cluster.primaryWeights().get("v1")).isEqualTo(100);
    }

    @Test
    void onlyTheNamedSubmitterMayPromote(JenkinsRule r) throws Exception {
        ReleaseJenkins.secure(r);
        WorkflowRun b = startAndWaitForApproval(r, ReleaseJenkins.releaseJob(r, cluster, ", submitter: 'dave'"));
        String id = pendingApproval(b).getId();

        assertThat(answer(r, b, "alice", id, "promote", null).status()).as("Build permission is not enough").isEqualTo(403);
        assertThat(answer(r, b, "dave", id, "promote", null).status()).isEqualTo(ACCEPTED);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("decision: promote", b);
    }

    @Test
    void aSecondAnswerIsRefusedWithAPlainSentence(JenkinsRule r) throws Exception {
        ReleaseJenkins.secure(r);
        WorkflowRun b = startAndWaitForApproval(r, ReleaseJenkins.releaseJob(r, cluster, ""));
        String id = pendingApproval(b).getId();
        answer(r, b, "alice", id, "promote", null);
        r.waitForCompletion(b);

        ReleaseJenkins.Answer second = answer(r, b, "admin", id, "rollback", null);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body()).contains("already answered: promote by alice");
        assertThat(cluster.primaryWeights().get("v2")).isEqualTo(100);
    }

    @Test
    void theTokenNeverReachesTheLog(JenkinsRule r) throws Exception {
        WorkflowRun b = startAndWaitForApproval(r, ReleaseJenkins.releaseJob(r, cluster, ""));
        answer(r, b, null, pendingApproval(b).getId(), "promote", null);
        r.assertBuildStatusSuccess(r.waitForCompletion(b));

        r.assertLogNotContains(ReleaseJenkins.TOKEN, b);
        assertThat(b.getRootDir().toPath().resolve("build.xml")).content().doesNotContain(ReleaseJenkins.TOKEN);
    }

    @Test
    void aStepOutsideWithGrayReleaseSaysWhereItBelongs(JenkinsRule r) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "bare");
        p.setDefinition(new CpsFlowDefinition("grayRelease(weight: 10)", true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("grayRelease needs a release target: put it inside withGrayRelease(", b);
    }

    @Test
    void aTokenWithoutServerUrlFailsNamingTheCredential(JenkinsRule r) throws Exception {
        ReleaseJenkins.addTokenCredential(r);
        WorkflowJob p = r.createProject(WorkflowJob.class, "no-url");
        p.setDefinition(new CpsFlowDefinition("withGrayRelease(namespace: 'shop', service: 'reviews', credentialsId: '"
                + ReleaseJenkins.CREDENTIALS_ID + "') { grayStatus() }", true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("serverUrl: credential '" + ReleaseJenkins.CREDENTIALS_ID + "' is a token", b);
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 100));
    }

    @Test
    void aKubeconfigCredentialThatIsNotAKubeconfigFailsAsInvalidInputWithoutQuotingIt(JenkinsRule r) throws Exception {
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                new FileCredentialsImpl(CredentialsScope.GLOBAL, "broken-kubeconfig", "kubeconfig", "kubeconfig.yaml",
                        SecretBytes.fromBytes("{token: s3cret, [".getBytes(StandardCharsets.UTF_8))));
        WorkflowJob p = r.createProject(WorkflowJob.class, "broken-kubeconfig");
        p.setDefinition(new CpsFlowDefinition("withGrayRelease(namespace: 'shop', service: 'reviews', credentialsId: 'broken-kubeconfig')"
                + " { grayStatus() }", true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("kubeconfig: the kubeconfig content is not a kubeconfig document (not valid YAML)."
                + " Give a kubeconfig file as written by kubectl", b);
        r.assertLogNotContains("s3cret", b);
    }
}
