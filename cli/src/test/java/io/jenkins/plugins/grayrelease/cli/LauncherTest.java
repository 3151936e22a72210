package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher script where nothing is built yet (a fresh clone): it says what to do. */
class LauncherTest {

    @TempDir
    Path freshClone;

    @Test
    void launcherWithoutABuiltJarSaysHowToBuildItAndExitsWithTwo() throws Exception {
        Path launcher = Files.copy(LauncherProcess.launcher(), freshClone.resolve("grayctl"));

        CliRun run = LauncherProcess.run(launcher, freshClone, "status", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("grayctl: " + freshClone.toRealPath().resolve("cli/target/grayctl.jar") + " is not built yet.")
                .contains("hint: build it once with: (cd \"" + freshClone.toRealPath() + "\" && mvn -B -ntp -q package -DskipTests)");
    }

    @Test
    void launcherCalledThroughSymlinksOnPathLooksForTheJarBesideTheRealScript() throws Exception {
        Path launcher = Files.copy(LauncherProcess.launcher(), freshClone.resolve("grayctl"));
        launcher.toFile().setExecutable(true);
        Path bin = Files.createDirectories(freshClone.resolve("elsewhere/bin"));
        // A relative link to an absolute one, as `ln -s` makes them: ~/bin/grayctl -> ../../grayctl, kubectl-gray -> grayctl.
        Files.createSymbolicLink(bin.resolve("grayctl"), Path.of("../../grayctl"));
        Files.createSymbolicLink(bin.resolve("kubectl-gray"), bin.resolve("grayctl"));

        CliRun run = LauncherProcess.runCommand(bin.getParent(), Map.of("PATH", bin + ":" + System.getenv("PATH")),
                List.of("sh", "-c", "kubectl-gray status reviews"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("grayctl: " + freshClone.toRealPath().resolve("cli/target/grayctl.jar") + " is not built yet.");
    }
}
