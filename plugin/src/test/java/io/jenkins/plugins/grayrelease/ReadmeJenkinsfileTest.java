package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.ACCEPTED;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.answer;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.testing.DocPages;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Jenkinsfiles users copy — the README's first one, and the declarative and scripted ones of docs/jenkins.md — as
 * written there, run in a sandbox against a cluster reached by a kubeconfig credential.
 */
@WithJenkins
class ReadmeJenkinsfileTest {

    @RegisterExtension
    final MockCluster cluster = MockCluster.sampleApp();

    @Test
    void theReadmesScriptedJenkinsfileSetsAWeightFromTheButtonThenPromotes(JenkinsRule r) throws Exception {
        addKubeconfigCredential(r);
        WorkflowJob p = r.createProject(WorkflowJob.class, "readme");
        p.setDefinition(new CpsFlowDefinition(DocPages.blockAfter("docs/jenkins.md", "The same release as a scripted Pipeline", "groovy"), true));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: Canary looks fine at 10 %. Promote?", b);
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 90, "v2", 10));
        assertThat(answer(r, b, null, pendingApproval(b).getId(), "setWeight", "30").status()).isEqualTo(ACCEPTED);

        r.waitForMessage("Waiting for a decision: Canary at 30 %. Promote?", b);
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 70, "v2", 30));
        assertThat(answer(r, b, null, pendingApproval(b).getId(), "promote", null).status()).isEqualTo(ACCEPTED);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v2", 100));
        r.assertLogContains("decided by anonymous", b);
    }

    @Test
    void theReadmesDeclarativeJenkinsfileDeploysTheCanaryThenPromotesOnTheButton(JenkinsRule r) throws Exception {
        addKubeconfigCredential(r);
        WorkflowJob p = r.createProject(WorkflowJob.class, "readme-declarative");
        p.setDefinition(new CpsFlowDefinition(DocPages.firstBlock("docs/jenkins.md", "A complete Jenkinsfile", "groovy"), true));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: Canary looks fine at 10 %. Promote?", b);
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 90, "v2", 10));
        try (KubernetesClient client = cluster.client()) {
            assertThat(client.apps().deployments().withName("reviews-v2").get().getSpec().getTemplate().getSpec().getContainers())
                    .as("the canary Deployment grayDeploy made from reviews-v1")
                    .anySatisfy(c -> assertThat(c.getImage()).isEqualTo("registry.example.com/reviews:1"));
        }
        assertThat(answer(r, b, null, pendingApproval(b).getId(), "promote", null).status()).isEqualTo(ACCEPTED);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v2", 100));
        r.assertLogContains("canary now gets 10 %", b);
    }

    @Test
    void theReadmesFirstJenkinsfileShiftsTenPercentThenPromotesOnTheButton(JenkinsRule r) throws Exception {
        addKubeconfigCredential(r);
        WorkflowJob p = r.createProject(WorkflowJob.class, "readme-first");
        p.setDefinition(new CpsFlowDefinition(DocPages.firstBlock("README.md", "Jenkins in five minutes", "groovy"), true));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: Canary v2 gets 10 %. Promote?", b);
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 90, "v2", 10));
        assertThat(answer(r, b, null, pendingApproval(b).getId(), "promote", null).status()).isEqualTo(ACCEPTED);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v2", 100));
    }

    @Test
    void theJenkinsPagesPlanJenkinsfileRunsThePlanFromTheWorkspace(JenkinsRule r) throws Exception {
        addKubeconfigCredential(r, "shop-kubeconfig");
        WorkflowJob p = r.createProject(WorkflowJob.class, "readme-plan");
        // The one line changed: this job has no SCM, so the plan is put where `checkout scm` would put it.
        String documented = DocPages.blockAfter("docs/jenkins.md", "The whole release as a plan", "groovy");
        assertThat(documented).contains("  checkout scm\n");
        p.setDefinition(new CpsFlowDefinition(documented.replace("  checkout scm\n", "\n"), true));
        r.jenkins.getWorkspaceFor(p).child("rollout/reviews.yaml").write("""
                name: reviews-v2
                steps:
                  - setWeight: 10
                  - approval: {message: 'Canary at 10 %. Go on?'}
                """, "UTF-8");

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: Canary at 10 %. Go on?", b);
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 90, "v2", 10));
        answer(r, b, null, pendingApproval(b).getId(), "promote", null);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("rollout: PROMOTED", b);
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v2", 100));
    }

    @Test
    void theRoutingPagesHttpRouteJenkinsfileMovesTheMainRule(JenkinsRule r) throws Exception {
        addKubeconfigCredential(r, "k8s-token");
        WorkflowJob p = r.createProject(WorkflowJob.class, "readme-httproute");
        p.setDefinition(new CpsFlowDefinition(DocPages.firstBlock("docs/routing.md", "In Jenkins", "groovy"), true));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for a decision: Promote reviews-canary?", b);
        assertThat(cluster.mainRuleWeights()).isEqualTo(Map.of("reviews-stable", 90, "reviews-canary", 10));
        answer(r, b, null, pendingApproval(b).getId(), "promote", null);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(cluster.mainRuleWeights()).isEqualTo(Map.of("reviews-canary", 100));
    }

    private void addKubeconfigCredential(JenkinsRule r) throws Exception {
        addKubeconfigCredential(r, "shop-kubeconfig");
    }

    private void addKubeconfigCredential(JenkinsRule r, String id) throws Exception {
        ReleaseJenkins.addKubeconfigCredential(r, id, cluster);
    }
}
