package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.it.TestBinaries;
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
 * link to the launcher; a user links it (or grayctl) into a folder on PATH, as done here. Tagged
 * {@code apiserver} with the other tests that need the binaries of .ci/kube-binaries.sh; run after
 * {@code package} with LauncherIT (the {@code launcher-it} execution), since it needs the jar.
 */
@Tag("apiserver")
class KubectlPluginIT {

    @TempDir
    Path dir;

    @Test
    void kubectlGrayStatusPrintsTheStatusOfTheNamespaceGivenAfterTheCommand() throws Exception {
        Path kubectl = TestBinaries.fromEnvironment().requirePresent().kubectl();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("kubectl-gray"), LauncherProcess.launcher().resolveSibling("kubectl-gray"));
        try (SandboxNamespaces cluster = new SandboxNamespaces()) {
            SampleApplication.install(cluster.client(), "demo");
            Path kubeconfig = cluster.kubeconfig(dir, "default");
            Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"), "KUBECONFIG", kubeconfig.toString());

            CliRun run = LauncherProcess.runCommand(dir, env, List.of(kubectl.toString(), "gray", "status", "reviews", "-n", "demo"));

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("SERVICE         demo/reviews", "VIRTUALSERVICE  reviews, route primary");
        }
    }
}
