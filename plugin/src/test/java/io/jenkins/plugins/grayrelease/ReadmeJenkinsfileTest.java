package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.ACCEPTED;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.answer;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.domains.Domain;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
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
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: '%s'}}]
                users: [{name: ci, user: {token: not-a-secret}}]
                contexts: [{name: mock, context: {cluster: mock, user: ci, namespace: shop}}]
                current-context: mock
                """.formatted(cluster.url());
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                new FileCredentialsImpl(CredentialsScope.GLOBAL, "shop-kubeconfig", "kubeconfig", "kubeconfig.yaml",
                        SecretBytes.fromBytes(kubeconfig.getBytes(StandardCharsets.UTF_8))));
    }

    /** The first ```groovy block after the README line that starts with {@code lead}. */
    private static String readmeBlock(String lead) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int at = readme.indexOf(lead);
        int start = readme.indexOf("```groovy\n", at) + "```groovy\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }
}
