package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.ACCEPTED;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.answer;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.approval.Approval;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * Issue #19, part 3 in Jenkins: a build resumed after a restart skips an approval it was given only
 * when the canary's pod template is still the one approved, and its own record (build.xml) holds
 * the answer; a new image in the same canary is asked again.
 */
class RolloutResumeRestartTest {

    private static final String PLAN = """
            name: reviews-v2
            target: {namespace: shop, service: reviews, stable: v1, canary: v2}
            steps:
              - setWeight: 20
              - approval: {message: "Canary at 20 %. Go on?", decisions: [promote, rollback]}
              - pause: 30m
              - setWeight: 50
            """;

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @RegisterExtension
    final MockCluster cluster = MockCluster.sampleApp();

    @BeforeEach
    void addCanaryDeployment() {
        try (KubernetesClient client = cluster.client()) {
            client.apps().deployments().inNamespace("shop").resource(new DeploymentBuilder()
                    .withNewMetadata().withName("reviews-v2-canary").endMetadata()
                    .withNewSpec().withNewSelector().addToMatchLabels("app", "reviews").addToMatchLabels("version", "v2").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "reviews").addToLabels("version", "v2").endMetadata()
                    .withNewSpec().addNewContainer().withName("reviews").withImage("example.org/reviews:2.0").endContainer().endSpec()
                    .endTemplate().endSpec().build()).createOr(existing -> existing.update());
        }
    }

    /** Runs the plan, promotes its approval as alice and returns once the build is in the pause after it. */
    private void approvedAndPaused(JenkinsRule r) throws Exception {
        ReleaseJenkins.secure(r);
        ReleaseJenkins.addTokenCredential(r);
        WorkflowJob p = r.createProject(WorkflowJob.class, "resume");
        p.setDefinition(new CpsFlowDefinition("withGrayRelease(service: 'reviews', credentialsId: '" + ReleaseJenkins.CREDENTIALS_ID
                + "', serverUrl: '" + cluster.url() + "') {\n"
                + "  def result = grayRollout(plan: '''" + PLAN + "''')\n"
                + "  echo \"rollout ended: ${result.outcome}\"\n"
                + "}\n", true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: Canary at 20 %. Go on?", b);
        assertThat(answer(r, b, "alice", pendingApproval(b).getId(), "promote", null).status()).isEqualTo(ACCEPTED);
        r.waitForMessage("[3/4] pause 30m", b);
    }

    private static WorkflowRun build(JenkinsRule r) {
        return r.jenkins.getItemByFullName("resume", WorkflowJob.class).getBuildByNumber(1);
    }

    @Test
    void aNewImageDeployedIntoTheCanaryWhileJenkinsWasDownIsAskedAgain() throws Throwable {
        sessions.then(this::approvedAndPaused);
        try (KubernetesClient client = cluster.client()) {
            client.apps().deployments().inNamespace("shop").withName("reviews-v2-canary").edit(d -> {
                d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("example.org/reviews:2.1-nobody-approved");
                return d;
            });
        }
        sessions.then(r -> {
            WorkflowRun b = build(r);
            r.waitForMessage("the canary's pod template (image, env, args) changed since its approvals", b);
            // The log holds the first session's question too: wait for the record to hold the new one.
            for (int i = 0; i < 600 && b.getAction(GrayReleaseAction.class).getApprovals().size() < 2; i++) {
                Thread.sleep(100);
            }
            List<Approval> approvals = b.getAction(GrayReleaseAction.class).getApprovals();
            assertThat(approvals).as("build.xml holds the first answer and the new question").hasSize(2);
            assertThat(approvals.get(0).getDecidedBy()).isEqualTo("alice");
            assertThat(approvals.get(1).isPending()).isTrue();

            assertThat(answer(r, b, "alice", approvals.get(1).getId(), "rollback", null).status()).isEqualTo(ACCEPTED);
            r.waitForCompletion(b);
            assertThat(cluster.primaryWeights()).containsEntry("v1", 100);
        });
    }

    @Test
    void theSameCanaryResumesAfterTheRestartWithoutAskingAgainBecauseBuildXmlHoldsTheAnswer() throws Throwable {
        sessions.then(this::approvedAndPaused);
        sessions.then(r -> {
            WorkflowRun b = build(r);
            r.waitForMessage("Resuming rollout reviews-v2 at step 3 of 4", b);

            List<Approval> approvals = b.getAction(GrayReleaseAction.class).getApprovals();
            assertThat(approvals).as("the answer given before the restart, from build.xml; nothing asked again").singleElement()
                    .satisfies(a -> assertThat(a.getDecidedBy()).isEqualTo("alice"));
            assertThat(cluster.primaryWeights()).containsEntry("v2", 20);
            b.doStop();
            r.waitForCompletion(b);
        });
    }
}
