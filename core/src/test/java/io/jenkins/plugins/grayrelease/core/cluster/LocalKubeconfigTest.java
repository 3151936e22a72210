package io.jenkins.plugins.grayrelease.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's own kubeconfig as kubectl finds it: KUBECONFIG's files merged (first definition and
 * first current-context win), --kubeconfig over KUBECONFIG, and messages that name the files, the
 * context and what is missing. KUBECONFIG is set through fabric8's system property of the same
 * meaning ({@code kubeconfig}), which it reads before the environment variable.
 */
class LocalKubeconfigTest {

    @TempDir
    Path dir;

    private final String savedKubeconfig = System.getProperty("kubeconfig");
    private final String savedHome = System.getProperty("user.home");

    @AfterEach
    void restoreProperties() {
        restore("kubeconfig", savedKubeconfig);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private Path file(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), "apiVersion: v1\nkind: Config\n" + yaml);
    }

    private static void kubeconfigEnv(Path... files) {
        StringBuilder list = new StringBuilder();
        for (Path f : files) {
            list.append(list.length() == 0 ? "" : File.pathSeparator).append(f);
        }
        System.setProperty("kubeconfig", list.toString());
    }

    private static Config local(String file, String context) {
        return ClusterConnector.config(ClusterAccess.local(file, context, null));
    }

    private static final String BLUE = """
            clusters:
            - name: blue
              cluster: {server: "https://127.0.0.1:6443"}
            users:
            - name: blue
              user: {token: blue-token}
            contexts:
            - name: blue
              context: {cluster: blue, user: blue, namespace: shop}
            """;

    private static final String GREEN_AND_OTHER_BLUE = """
            current-context: green
            clusters:
            - name: green
              cluster: {server: "https://127.0.0.1:7443"}
            - name: blue
              cluster: {server: "https://127.0.0.1:9999"}
            users:
            - name: green
              user: {token: green-token}
            contexts:
            - name: green
              context: {cluster: green, user: green, namespace: checkout}
            - name: blue
              context: {cluster: blue, user: blue, namespace: elsewhere}
            """;

    @Test
    void severalFilesMergeWithTheCurrentContextOfTheFirstFileThatSetsOne() throws IOException {
        kubeconfigEnv(file("a", BLUE), file("b", GREEN_AND_OTHER_BLUE));

        Config config = local(null, null);

        assertThat(config.getCurrentContext().getName()).isEqualTo("green");
        assertThat(config.getMasterUrl()).isEqualTo("https://127.0.0.1:7443/");
        assertThat(config.getNamespace()).isEqualTo("checkout");
    }

    @Test
    void theFirstFileToDefineAContextOrClusterWins() throws IOException {
        kubeconfigEnv(file("a", BLUE), file("b", GREEN_AND_OTHER_BLUE));

        Config config = local(null, "blue");

        assertThat(config.getMasterUrl()).isEqualTo("https://127.0.0.1:6443/");
        assertThat(config.getNamespace()).isEqualTo("shop");
        assertThat(config.getAutoOAuthToken()).isEqualTo("blue-token");
    }

    @Test
    void missingFilesInKubeconfigAreSkippedAsKubectlDoes() throws IOException {
        kubeconfigEnv(dir.resolve("gone"), file("b", GREEN_AND_OTHER_BLUE));

        assertThat(local(null, null).getMasterUrl()).isEqualTo("https://127.0.0.1:7443/");
    }

    @Test
    void kubeconfigOptionWinsOverKubeconfigVariable() throws IOException {
        kubeconfigEnv(file("b", GREEN_AND_OTHER_BLUE));
        Path blue = file("a", BLUE + "current-context: blue\n");

        assertThat(local(blue.toString(), null).getMasterUrl()).isEqualTo("https://127.0.0.1:6443/");
    }

    @Test
    void noKubeconfigNamesTheFilesOfKubeconfigAndTheFix() {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        kubeconfigEnv(a, b);

        assertThatThrownBy(() -> local(null, null)).isInstanceOf(InvalidReleaseException.class)
                .hasMessage("kubeconfig: no kubeconfig found: KUBECONFIG names " + a + ", " + b + ", none of which exists."
                        + " Give one with --kubeconfig FILE, or set KUBECONFIG to your kubeconfig file(s) (several separated by ':')");
    }

    @Test
    void noKubeconfigWithoutKubeconfigVariableNamesTheHomeFile() {
        System.clearProperty("kubeconfig");
        // fabric8 finds the home folder through HOME; this test runs only where neither KUBECONFIG nor ~/.kube/config exists.
        Path home = Path.of(System.getenv().getOrDefault("HOME", savedHome), ".kube", "config");
        Assumptions.assumeTrue(System.getenv("KUBECONFIG") == null && !Files.exists(home), "this machine has a kubeconfig");

        assertThatThrownBy(() -> local(null, null)).isInstanceOf(InvalidReleaseException.class)
                .hasMessage("kubeconfig: no kubeconfig found: KUBECONFIG is not set and " + home
                        + " does not exist. Give one with --kubeconfig FILE, or set KUBECONFIG to your kubeconfig file(s)"
                        + " (several separated by ':')");
    }

    @Test
    void aContextWhoseClusterNoFileDefinesNamesTheFileTheContextAndTheCluster() throws IOException {
        Path a = file("a", BLUE.replace("cluster: blue, user", "cluster: gone, user"));
        Path b = file("b", GREEN_AND_OTHER_BLUE.replace("- name: blue\n  cluster:", "- name: other\n  cluster:"));
        kubeconfigEnv(a, b);

        assertThatThrownBy(() -> local(null, "blue")).isInstanceOf(InvalidReleaseException.class)
                .hasMessage("kubeconfig: context 'blue' (in " + a + ") names cluster 'gone', which the kubeconfig (" + a + ", " + b
                        + ") does not define. Add it with 'kubectl config set-cluster gone --server=URL', or pick another context"
                        + " with --context");
    }

    @Test
    void aKubeconfigWithoutClustersSaysSo() throws IOException {
        Path a = file("a", """
                current-context: blue
                contexts:
                - name: blue
                  context: {cluster: blue, user: blue}
                users:
                - name: blue
                  user: {token: t}
                """);

        assertThatThrownBy(() -> local(a.toString(), null)).isInstanceOf(InvalidReleaseException.class)
                .hasMessage("kubeconfig: context 'blue' (in " + a + ") names cluster 'blue', but the kubeconfig (" + a
                        + ") defines no clusters. Add it with 'kubectl config set-cluster blue --server=URL', or pick another"
                        + " context with --context");
    }

    @Test
    void aContextWhoseUserIsMissingNamesTheUser() throws IOException {
        Path a = file("a", BLUE.replace("user: blue, namespace", "user: nobody, namespace") + "current-context: blue\n");

        assertThatThrownBy(() -> local(a.toString(), null)).isInstanceOf(InvalidReleaseException.class)
                .hasMessage("kubeconfig: context 'blue' (in " + a + ") names user 'nobody', which the kubeconfig (" + a
                        + ") does not define. Add it with 'kubectl config set-credentials nobody ...', or pick another context"
                        + " with --context");
    }

    @Test
    void noCurrentContextListsTheContextsAndHowToPickOne() throws IOException {
        Path a = file("a", BLUE);

        assertThatThrownBy(() -> local(a.toString(), null)).isInstanceOf(InvalidReleaseException.class)
                .hasMessage("context: the kubeconfig (" + a + ") has no current-context; its contexts: blue."
                        + " Name one with --context, or set one with 'kubectl config use-context NAME'");
    }

    @Test
    void aKubeconfigWithoutContextsSaysHowToAddOne() throws IOException {
        Path a = file("a", "clusters: []\n");

        assertThatThrownBy(() -> local(a.toString(), null)).isInstanceOf(InvalidReleaseException.class)
                .hasMessage("context: the kubeconfig (" + a + ") has no contexts. Add one with 'kubectl config set-context NAME"
                        + " --cluster=CLUSTER --user=USER', or give another file with --kubeconfig");
    }
}
