package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.it.TestBinaries;
import io.jenkins.plugins.grayrelease.core.testing.DocPages;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * grayctl as a kubectl plugin, through the real kubectl: kubectl finds {@code kubectl-gray} on PATH
 * and runs {@code kubectl gray ARGS} as {@code kubectl-gray ARGS}. The repository's kubectl-gray is a
 * link to the launcher; a user links it (or grayctl) into a folder on PATH, as done here with the lines
 * docs/grayctl.md shows. Tagged
 * {@code apiserver} with the other tests that need the binaries of .ci/kube-binaries.sh; run after
 * {@code package} with LauncherIT (the {@code launcher-it} execution), since it needs the jar.
 */
@Tag("apiserver")
class KubectlPluginIT {

    @TempDir
    Path dir;

    @Test
    void theDocumentedLinkMakesKubectlRunGrayctlAsItsGrayPlugin() throws Exception {
        // The lines a user runs in the repository, as docs/grayctl.md shows them (ln -s into ~/.local/bin, kubectl gray …).
        String block = DocPages.blockAfter("docs/grayctl.md", "As a kubectl plugin:", "sh");
        Path kubectl = TestBinaries.fromEnvironment().requirePresent().kubectl();
        Path home = dir.resolve("home");
        Path bin = Files.createDirectories(home.resolve(".local/bin"));
        try (SandboxNamespaces cluster = new SandboxNamespaces()) {
            SampleApplication.install(cluster.client(), "demo");
            Path kubeconfig = cluster.kubeconfig(dir, "default");
            Map<String, String> env = Map.of("HOME", home.toString(), "KUBECONFIG", kubeconfig.toString(),
                    "PATH", bin + ":" + kubectl.getParent() + ":" + System.getenv("PATH"));

            CliRun run = LauncherProcess.runCommand(dir, env,
                    List.of("sh", "-c", "set -e; cd '" + LauncherProcess.launcher().getParent() + "'\n" + block));

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(Files.isSymbolicLink(bin.resolve("kubectl-gray"))).isTrue();
            assertThat(run.out()).contains("SERVICE         demo/reviews", "VIRTUALSERVICE  reviews, route primary")
                    .as("kubectl plugin list").contains(bin.resolve("kubectl-gray").toString());
        }
    }
}
