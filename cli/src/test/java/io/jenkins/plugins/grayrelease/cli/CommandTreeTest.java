package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * grayctl builds only the command a line invokes (start-up time), yet every line that shows or needs
 * the whole tree still gets all of it.
 */
class CommandTreeTest {

    private static final CommandSpec ROOT = new CommandLine(new RootCommand(null)).getCommandSpec();

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h status", "--help weight", "-n demo -h status"})
    void helpBeforeAnyCommandListsEveryCommand(String line) {
        CliRun run = CliRun.run(line.split(" "));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Usage: grayctl [-hV]", "status", "weight", "testers", "mirror", "promote", "rollback", "deploy",
                "rollout", "decide", "demo", "list", "completion");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "status reviews|StatusCommand",
        "-n deploy status reviews|StatusCommand",
        "--namespace=demo -o json weight reviews 10|WeightCommand",
        "-ndemo --verbose --kubeconfig /tmp/k --context a --context b ls|ListCommand",
        "--context deploy deploy reviews|DeployCommand"})
    void theCommandAfterTheGlobalOptionsIsTheOneBuilt(String line, String command) {
        Class<?> invoked = CommandTree.invoked(ROOT, line.split(" "));

        assertThat(invoked).isNotNull();
        assertThat(invoked.getSimpleName()).isEqualTo(command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "completion", "statsu reviews", "-- status", "--unknown status", "-V status", "-n"})
    void aLineThatNeedsOrMayNeedTheWholeTreeBuildsIt(String line) {
        assertThat(CommandTree.invoked(ROOT, line.isEmpty() ? new String[0] : line.split(" ")))
                .isNull();
    }
}
