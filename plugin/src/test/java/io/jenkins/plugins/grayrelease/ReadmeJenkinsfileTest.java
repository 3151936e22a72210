package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.ACCEPTED;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.answer;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The README's Jenkinsfiles, declarative and scripted, as written there, run in a sandbox against a cluster reached by a kubeconfig credential. */
@WithJenkins
class ReadmeJenkinsfileTest {

    @RegisterExtension
    final MockCluster cluster = MockCluster.sampleApp();

    @Test
    void theReadmesScriptedJenkinsfileSetsAWeightFromTheButtonThenPromotes(JenkinsRule r) throws Exception {
        addKubeconfigCredential(r);
        WorkflowJob p = r.createProject(WorkflowJob.class, "readme");
        p.setDefinition(new CpsFlowDefinition(readmeBlock("The same release as a scripted Pipeline"), true));

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
        p.setDefinition(new CpsFlowDefinition(readmeBlock("### A complete Jenkinsfile"), true));

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

    private void addKubeconfigCredential(JenkinsRule r) throws Exception {
        ReleaseJenkins.addKubeconfigCredential(r, "shop-kubeconfig", cluster);
    }

    /** The first ```groovy block after the README line that starts with {@code lead}. */
    private static String readmeBlock(String lead) throws Exception {
        return ReleaseJenkins.groovyBlock("README.md", lead);
    }
}
