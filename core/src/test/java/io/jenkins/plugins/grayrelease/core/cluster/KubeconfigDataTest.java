package io.jenkins.plugins.grayrelease.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A kubeconfig given as content (a Jenkins credential) is data: nothing in it runs a program or
 * makes this process read a file, and nothing of this process's own configuration fills a gap.
 */
class KubeconfigDataTest {

    @TempDir
    Path dir;

    private static String kubeconfig(String clusterExtra, String user) {
        return """
                apiVersion: v1
                kind: Config
                current-context: ci
                clusters:
                - name: c
                  cluster:
                    server: https://127.0.0.1:6443
                %s
                contexts:
                - name: ci
                  context: {cluster: c, user: u, namespace: shop}
                users:
                - name: u
                  user:
                %s
                """.formatted(clusterExtra.indent(4).stripTrailing(), user.indent(4).stripTrailing());
    }

    @Test
    void anExecCommandIsRefusedWithoutRunningIt() {
        Path touched = dir.resolve("touched");
        String content = kubeconfig("", """
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: sh
                  args: ["-c", "touch %s; echo '{}'"]
                """.formatted(touched));

        assertThatThrownBy(() -> ClusterConnector.connect(ClusterAccess.kubeconfigData(content, null, null)))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessageStartingWith("kubeconfig users[u].user.exec: the kubeconfig's user 'u' uses exec, which would run"
                        + " a program or read a file where the kubeconfig is read; nothing was run or read. A kubeconfig in a"
                        + " Jenkins credential may hold only inline data");
        assertThat(touched).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "auth-provider: {name: gcp, config: {cmd-path: /bin/sh}} | users[u].user.auth-provider",
        "client-certificate: /etc/passwd                        | users[u].user.client-certificate",
        "client-key: /var/lib/jenkins/secrets/master.key        | users[u].user.client-key",
        "tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token | users[u].user.tokenFile",
    })
    void everyUserFieldThatRunsOrReadsSomethingIsRefused(String field, String named) {
        String content = kubeconfig("", field);

        assertThatThrownBy(() -> ClusterConnector.config(ClusterAccess.kubeconfigData(content, null, null)))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessageStartingWith("kubeconfig " + named + ": ");
    }

    @Test
    void aCertificateAuthorityFileIsRefused() {
        String content = kubeconfig("certificate-authority: /etc/ssl/private/ca.pem", "token: t");

        assertThatThrownBy(() -> ClusterConnector.config(ClusterAccess.kubeconfigData(content, null, null)))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessageStartingWith("kubeconfig clusters[c].cluster.certificate-authority: ");
    }

    @Test
    void inlineDataAndTokensAreTakenAsWritten() {
        String content = kubeconfig("certificate-authority-data: Y2E=\ninsecure-skip-tls-verify: false", "token: abc");

        Config config = ClusterConnector.config(ClusterAccess.kubeconfigData(content, null, null));

        assertThat(config.getMasterUrl()).isEqualTo("https://127.0.0.1:6443/");
        assertThat(config.getCaCertData()).isEqualTo("Y2E=");
        assertThat(config.getAutoOAuthToken()).isEqualTo("abc");
        assertThat(config.getNamespace()).isEqualTo("shop");
        assertThat(config.getCaCertFile()).isNull();
        assertThat(config.getClientKeyFile()).isNull();
    }

    @Test
    void withoutContentOrTokenTheProcesssOwnConfigurationIsNotUsedUnlessAllowed() {
        ClusterAccess contextOnly = new ClusterAccess(null, null, "prod-admin", null, null, "payments", false);

        assertThatThrownBy(() -> ClusterConnector.config(contextOnly))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessage("credentialsId: no cluster credential was given (context 'prod-admin' alone names none), and this"
                        + " process's own Kubernetes configuration may not be used. Name a kubeconfig (Secret file) or token"
                        + " (Secret text) credential");
    }

    @Test
    void aKubeconfigFileIsNotReadUnlessTheLocalConfigurationIsAllowed() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), kubeconfig("", "token: t"));

        assertThatThrownBy(() -> ClusterConnector.config(new ClusterAccess(null, file.toString(), null, null, null, null, false)))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessageStartingWith("credentialsId: no cluster credential was given");
        assertThat(ClusterConnector.config(ClusterAccess.local(file.toString(), null, null)).getAutoOAuthToken()).isEqualTo("t");
    }

    @Test
    void nothingOfThisProcesssEnvironmentFillsAGap() {
        // fabric8 reads these (as system properties or environment variables) when it configures itself.
        System.setProperty("kubernetes.master", "https://127.0.0.9:1");
        System.setProperty("kubernetes.auth.token", "ambient-token");
        System.setProperty("kubernetes.namespace", "ambient-namespace");
        try {
            Config fromData = ClusterConnector.config(ClusterAccess.kubeconfigData(kubeconfig("", "username: u\npassword: p")
                    .replace(", namespace: shop", ""), null, null));
            Config fromToken = ClusterConnector.config(ClusterAccess.token("https://127.0.0.1:6443", "t", null));

            assertThat(fromData.getMasterUrl()).isEqualTo("https://127.0.0.1:6443/");
            assertThat(fromData.getAutoOAuthToken()).isNull();
            assertThat(fromData.getNamespace()).isNull();
            assertThat(fromToken.getMasterUrl()).isEqualTo("https://127.0.0.1:6443/");
            assertThat(fromToken.getNamespace()).isNull();
        } finally {
            System.clearProperty("kubernetes.master");
            System.clearProperty("kubernetes.auth.token");
            System.clearProperty("kubernetes.namespace");
        }
    }
}
