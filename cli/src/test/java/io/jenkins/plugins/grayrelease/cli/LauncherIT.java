package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher with the real shaded jar, as a separate process: run by Maven after
 * {@code package} (the {@code launcher-it} execution in cli/pom.xml), since the jar exists only then.
 */
class LauncherIT {

    @TempDir
    Path elsewhere;

    @Test
    void launcherRunsTheDemoToTheEndFromAnyDirectory() throws Exception {
        CliRun run = LauncherProcess.run(LauncherProcess.launcher(), elsewhere, "-o", "json", "demo", "--yes");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("outcome").asText()).isEqualTo("PROMOTED");
        assertThat(run.json().get("final").get("weights").toString()).isEqualTo("{\"stable\":100,\"canary\":0}");
        assertThat(run.err()).contains("» demo finished in").doesNotContain("SLF4J");
    }

    @Test
    void launcherPassesTheExitCodeAndTheErrorLinesOn() throws Exception {
        CliRun run = LauncherProcess.run(LauncherProcess.launcher(), elsewhere, "--kubeconfig", "no-such-file", "status", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: kubeconfig: cannot read kubeconfig file no-such-file").contains("\nhint: ");
        assertThat(run.err().lines()).hasSize(2);
    }

    @Test
    void launcherPrintsTheVersion() throws Exception {
        CliRun run = LauncherProcess.run(LauncherProcess.launcher(), elsewhere, "--version");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("grayctl ");
    }

    @Test
    void launcherRunsWithAnArchiveTheJvmRefusesAndSaysNothingAboutIt() throws Exception {
        Path jar = Files.copy(LauncherProcess.launcher().resolveSibling("cli/target/grayctl.jar"), elsewhere.resolve("grayctl.jar"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
        // Named by this JVM and newer than the jar, so the launcher passes it on; its content is not an archive.
        Files.writeString(elsewhere.resolve("grayctl.jsa"), "not an archive");
        Files.writeString(elsewhere.resolve("grayctl.jsa.java"), java + "\n");

        CliRun run = LauncherProcess.run(LauncherProcess.launcher(), elsewhere,
                Map.of("GRAYCTL_JAR", jar.toString(), "JAVA_HOME", System.getProperty("java.home")), "--version");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("grayctl ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void launcherFindsTheClusterThroughKubeconfigWhenNoOptionNamesIt() throws Exception {
        try (SandboxNamespaces cluster = new SandboxNamespaces()) {
            String namespace = cluster.newSampleNamespace();
            Path kubeconfig = cluster.kubeconfig(elsewhere, namespace);

            CliRun run = LauncherProcess.run(LauncherProcess.launcher(), elsewhere, Map.of("KUBECONFIG", kubeconfig.toString()),
                    "-o", "json", "weight", "reviews", "10", "--stable", "v1", "--canary", "v2");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.json().get("namespace").asText()).isEqualTo(namespace);
            assertThat(run.json().get("weights").toString()).isEqualTo("{\"stable\":90,\"canary\":10}");
            assertThat(cluster.virtualService(namespace).getSpec().getHttp().get(1).getRoute()).hasSize(2);
        }
    }
}
