package io.jenkins.plugins.grayrelease.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a kubeconfig (content or file), a context, a token and a namespace become a client configuration. */
class ClusterConnectorContextTest {

    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            current-context: blue
            clusters:
            - name: blue-cluster
              cluster:
                server: https://127.0.0.1:6443
            - name: green-cluster
              cluster:
                server: https://127.0.0.1:7443
            contexts:
            - name: blue
              context:
                cluster: blue-cluster
                user: blue-user
                namespace: shop
            - name: green
              context:
                cluster: green-cluster
                user: green-user
                namespace: checkout
            users:
            - name: blue-user
              user:
                token: blue-token
            - name: green-user
              user:
                token: green-token
            """;

    @TempDir
    Path dir;

    @Test
    void contentUsesItsCurrentContextWhenNoneIsNamed() {
        Config config = ClusterConnector.config(ClusterAccess.kubeconfigData(KUBECONFIG, null, null));

        assertThat(config.getMasterUrl()).isEqualTo("https://127.0.0.1:6443/");
        assertThat(config.getNamespace()).isEqualTo("shop");
        assertThat(config.getAutoOAuthToken()).isEqualTo("blue-token");
    }

    @Test
    void contentUsesTheNamedContext() {
        Config config = ClusterConnector.config(ClusterAccess.kubeconfigData(KUBECONFIG, "green", null));

        assertThat(config.getMasterUrl()).isEqualTo("https://127.0.0.1:7443/");
        assertThat(config.getNamespace()).isEqualTo("checkout");
        assertThat(config.getAutoOAuthToken()).isEqualTo("green-token");
        assertThat(config.getCurrentContext().getName()).isEqualTo("green");
    }

    @Test
    void fileUsesTheNamedContextAndTheNamespaceOverride() throws IOException {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);

        Config config = ClusterConnector.config(ClusterAccess.local(file.toString(), "green", "payments"));

        assertThat(config.getMasterUrl()).isEqualTo("https://127.0.0.1:7443/");
        assertThat(config.getAutoOAuthToken()).isEqualTo("green-token");
        assertThat(config.getNamespace()).isEqualTo("payments");
    }

    @Test
    void unknownContextInContentIsAnErrorListingTheContexts() {
        assertThatThrownBy(() -> ClusterConnector.config(ClusterAccess.kubeconfigData(KUBECONFIG, "red", null)))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessageStartingWith("context: the kubeconfig has no context named 'red'; its contexts: blue, green");
    }

    @Test
    void unknownContextInFileIsAnErrorListingTheContextsRatherThanTheCurrentOne() throws IOException {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);

        assertThatThrownBy(() -> ClusterConnector.config(ClusterAccess.local(file.toString(), "red", null)))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessageStartingWith("context: the kubeconfig has no context named 'red'; its contexts: blue, green");
    }

    @Test
    void missingKubeconfigFileIsNamed() {
        String missing = dir.resolve("nope").toString();

        assertThatThrownBy(() -> ClusterConnector.config(ClusterAccess.local(missing, null, null)))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessageStartingWith("kubeconfig: cannot read kubeconfig file " + missing + " (no such file)");
    }

    @Test
    void kubeconfigFileThatIsNotYamlIsInvalidInputNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("config"), "clusters: [ {name: x} ]\ncontexts: {oops\n");

        assertThatThrownBy(() -> ClusterConnector.config(ClusterAccess.local(file.toString(), null, null)))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessage("kubeconfig: the kubeconfig file " + file + " is not a kubeconfig document"
                        + " (ParserException: while parsing a flow mapping). Give a kubeconfig file as written by kubectl");
    }

    @Test
    void kubeconfigContentThatIsNotYamlIsInvalidInputWithoutQuotingIt() {
        assertThatThrownBy(() -> ClusterConnector.connect(ClusterAccess.kubeconfigData("{token: s3cret, [", null, null)))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessage("kubeconfig: the kubeconfig content is not a kubeconfig document (not valid YAML)."
                        + " Give a kubeconfig file as written by kubectl")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void clientThatCannotBeSetUpNamesTheServerAndWhatIsMissing() throws IOException {
        String missing = dir.resolve("ca.crt").toString();
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG.replace(
                "server: https://127.0.0.1:6443\n", "server: https://127.0.0.1:6443\n    certificate-authority: " + missing + "\n"));

        assertThatThrownBy(() -> ClusterConnector.connect(ClusterAccess.local(file.toString(), null, null)))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessage("kubeconfig: cannot set up a Kubernetes client for https://127.0.0.1:6443/ (NoSuchFileException: "
                        + missing + "). Check the cluster's certificates and credentials in the kubeconfig or credential");
    }

    @Test
    void tokenAndServerNeedNoKubeconfig() {
        Config config = ClusterConnector.config(ClusterAccess.token("https://127.0.0.1:6443", "s3cret", "shop"));

        assertThat(config.getMasterUrl()).isEqualTo("https://127.0.0.1:6443/");
        assertThat(config.getOauthToken()).isEqualTo("s3cret");
        assertThat(config.getNamespace()).isEqualTo("shop");
    }
}
