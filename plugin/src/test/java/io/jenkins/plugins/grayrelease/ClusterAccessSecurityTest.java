package io.jenkins.plugins.grayrelease;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Result;
import io.jenkins.plugins.grayrelease.config.GrayReleaseGlobalConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A Jenkinsfile reaches the cluster only through a credential or the configured defaults: never
 * with the controller's own kubeconfig (unless an administrator allows it), and a kubeconfig
 * credential is data: its exec command never runs on the controller.
 */
@WithJenkins
class ClusterAccessSecurityTest {

    @RegisterExtension
    final MockCluster cluster = MockCluster.sampleApp();
    @TempDir
    Path dir;

    @BeforeEach
    void useControllerKubeconfig() throws Exception {
        // The controller's own kubeconfig, as fabric8 finds it: its context prod-admin reaches the cluster.
        Path own = Files.writeString(dir.resolve("controller-kubeconfig"), kubeconfig("prod-admin", "{token: controller-token}"));
        System.setProperty("kubeconfig", own.toString());
    }

    @AfterEach
    void forgetControllerKubeconfig() {
        System.clearProperty("kubeconfig");
    }

    private String kubeconfig(String context, String user) {
        return """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: '%s'}}]
                users: [{name: ci, user: %s}]
                contexts: [{name: %s, context: {cluster: mock, user: ci, namespace: shop}}]
                current-context: %s
                """.formatted(cluster.url(), user, context, context);
    }

    private WorkflowRun run(JenkinsRule r, String clusterArgs) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition("withGrayRelease(namespace: 'shop', service: 'reviews', stable: 'v1', canary: 'v2'"
                + clusterArgs + ") {\n  grayRelease(weight: 30)\n}\n", true));
        return p.scheduleBuild2(0).get();
    }

    @Test
    void aJenkinsfileNamingOnlyAContextCannotUseTheControllersKubeconfig(JenkinsRule r) throws Exception {
        WorkflowRun b = run(r, ", context: 'prod-admin'");

        r.assertBuildStatus(Result.FAILURE, b);
        r.assertLogContains("withGrayRelease: credentialsId: context: 'prod-admin' names no credential, and the controller's"
                + " own Kubernetes identity is not used for " + b.getParent().getFullName()
                + ". Add credentialsId: '<id>' next to it", b);
        assertThat(cluster.primaryWeights()).as("nothing written").isEqualTo(Map.of("v1", 100));
    }

    @Test
    void aJenkinsfileNamingNothingWithNothingConfiguredIsRefusedNamingTheFix(JenkinsRule r) throws Exception {
        WorkflowRun b = run(r, "");

        r.assertBuildStatus(Result.FAILURE, b);
        r.assertLogContains("withGrayRelease: credentialsId: no cluster credential is named for " + b.getParent().getFullName()
                + ", and neither its folders nor Jenkins configure one. Add credentialsId: '<id>'", b);
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 100));
    }

    @Test
    void anAdministratorMayLetBuildsUseTheControllersOwnIdentity(JenkinsRule r) throws Exception {
        GrayReleaseGlobalConfiguration.get().setUseControllerIdentity(true);

        r.assertBuildStatusSuccess(run(r, ", context: 'prod-admin'"));

        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 70, "v2", 30));
    }

    @Test
    void aKubeconfigCredentialWithAnExecCommandIsRefusedWithoutRunningIt(JenkinsRule r) throws Exception {
        Path touched = dir.resolve("exec-ran");
        addKubeconfig(r, "evil", kubeconfig("ci", "{exec: {apiVersion: client.authentication.k8s.io/v1, command: sh,"
                + " args: ['-c', 'touch " + touched + "; echo {}']}}"));

        WorkflowRun b = run(r, ", credentialsId: 'evil'");

        r.assertBuildStatus(Result.FAILURE, b);
        r.assertLogContains("kubeconfig users[ci].user.exec: the kubeconfig's user 'ci' uses exec, which would run a program"
                + " or read a file where the kubeconfig is read; nothing was run or read", b);
        assertThat(touched).as("the exec command never ran").doesNotExist();
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 100));
    }

    @Test
    void aKubeconfigCredentialNamingAKeyFileOnTheControllerIsRefused(JenkinsRule r) throws Exception {
        addKubeconfig(r, "paths", kubeconfig("ci", "{client-key: /var/jenkins_home/secrets/master.key,"
                + " client-certificate: /etc/passwd}"));

        WorkflowRun b = run(r, ", credentialsId: 'paths'");

        r.assertBuildStatus(Result.FAILURE, b);
        r.assertLogContains("kubeconfig users[ci].user.client-certificate: the kubeconfig's user 'ci' uses client-certificate,"
                + " client-key", b);
    }

    @Test
    void aKubeconfigCredentialOfInlineDataReachesTheCluster(JenkinsRule r) throws Exception {
        addKubeconfig(r, "inline", kubeconfig("ci", "{token: inline-token}"));

        r.assertBuildStatusSuccess(run(r, ", credentialsId: 'inline'"));

        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 70, "v2", 30));
    }

    private static void addKubeconfig(JenkinsRule r, String id, String content) throws Exception {
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                new FileCredentialsImpl(CredentialsScope.GLOBAL, id, "kubeconfig", "kubeconfig.yaml",
                        SecretBytes.fromBytes(content.getBytes(StandardCharsets.UTF_8))));
    }
}
