package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Input grayctl refuses before contacting any cluster: exit 2, one error line and a hint on stderr. */
class UsageErrorsTest {

    // Nothing listens here; a test that reached the cluster would fail with exit 1, not 2.
    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommand() {
        CliRun run = CliRun.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("status", "weight", "testers", "mirror", "promote", "rollback", "deploy", "rollout", "decide", "demo",
                "--kubeconfig", "--context", "--namespace", "--output", "--verbose");
    }

    @Test
    void runningWithoutACommandIsAUsageErrorThatPointsToHelp() {
        CliRun run = CliRun.run();

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: a command is required").contains("hint: Run 'grayctl --help'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownOutputFormatIsAUsageErrorListingTheFormats() {
        CliRun run = CliRun.run("-o", "xml", "status", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("'xml' is not an output format; use table, json or yaml");
    }

    @Test
    void nonNumericPercentIsAUsageError() {
        CliRun run = CliRun.run("weight", "reviews", "ten");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("error: ").contains("PERCENT").contains("hint: See 'grayctl weight --help'");
    }

    @Test
    void malformedTargetOptionsAreUsageErrorsFoundBeforeConnecting() {
        CliRun vs = CliRun.run("weight", "reviews", "10", "--virtual-service", "istio-system/public/routes");
        assertThat(vs.exitCode()).as(vs.toString()).isEqualTo(2);
        assertThat(vs.err()).contains("error: release target: virtualService 'istio-system/public/routes' is neither a name nor "
                + "namespace/name (e.g. istio-system/public-routes)").contains("hint: See 'grayctl weight --help'");

        CliRun layout = CliRun.run("status", "reviews", "--layout", "rainbow");
        assertThat(layout.exitCode()).as(layout.toString()).isEqualTo(2);
        assertThat(layout.err()).contains("error: layout 'rainbow' is unknown; use one of per-version, fixed-subsets");
    }

    @Test
    void misspelledCommandIsAUsageErrorWithASuggestion() {
        CliRun run = CliRun.run("stauts", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("hint: Did you mean").contains("status");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--header, end-user, has no '='",
        "--header, =jason, has no name before '='",
        "--header, end-user=, has no value after '='",
        "--header-prefix, user-agent, has no '='",
        "--header-regex, x-tenant, has no '='",
        "--cookie, canary, has no '='",
    })
    void malformedTesterMatchIsAUsageErrorNamingTheOptionAndTheFix(String option, String argument, String problem) {
        CliRun run = CliRun.run("testers", "reviews", option, argument);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + option + " '" + argument + "' " + problem + "; expected NAME=VALUE")
                .contains("hint: Write the name, '=', then the value, e.g. " + option + " ");
    }

    @Test
    void testersWithoutAnyMatchIsAUsageError() {
        CliRun run = CliRun.run("testers", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("testers needs at least one --header").contains("hint: e.g. 'grayctl testers reviews --header end-user=jason'");
    }

    @Test
    void testersRemoveTogetherWithMatchesIsAUsageError() {
        CliRun run = CliRun.run("testers", "reviews", "--remove", "--header", "end-user=jason");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--remove cannot be combined with --header");
    }

    @Test
    void deployWithoutImageIsAUsageErrorNamingTheOption() {
        CliRun run = CliRun.run("deploy", "reviews", "--version", "v3");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--image");
    }

    @Test
    void missingKubeconfigFileIsInvalidInputNamingTheFile() {
        String missing = dir.resolve("no-such-kubeconfig").toString();

        CliRun run = CliRun.run("--kubeconfig", missing, "status", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: kubeconfig: cannot read kubeconfig file " + missing)
                .contains("hint: Check the path given with --kubeconfig or KUBECONFIG");
    }

    @Test
    void kubeconfigFileThatIsNotYamlIsInvalidInputNamingTheFile() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken-kubeconfig"), "clusters: [ {name: x} ]\ncontexts: {oops\n");

        CliRun run = CliRun.run("--kubeconfig", broken.toString(), "status", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: kubeconfig: the kubeconfig file " + broken + " is not a kubeconfig document"
                + " (ParserException: while parsing a flow mapping)\nhint: Give a kubeconfig file as written by kubectl\n");
    }

    @Test
    void globalOptionsWorkAfterTheCommandToo() {
        String missing = dir.resolve("after-the-command").toString();

        CliRun run = CliRun.run("status", "reviews", "-n", "shop", "--kubeconfig", missing);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains(missing);
    }

    @Test
    void stackTraceOnlyWithVerbose() {
        String missing = dir.resolve("missing").toString();

        CliRun quiet = CliRun.run("--kubeconfig", missing, "status", "reviews");
        CliRun verbose = CliRun.run("--kubeconfig", missing, "--verbose", "status", "reviews");

        assertThat(quiet.err().lines()).hasSize(2);
        assertThat(quiet.err()).doesNotContain("\tat ");
        assertThat(verbose.err()).contains("InvalidReleaseException").contains("\tat io.jenkins.plugins.grayrelease");
    }

    @Test
    void misspelledOptionIsAUsageErrorWithASuggestion() {
        CliRun run = CliRun.run("weight", "reviews", "10", "--canry", "v2");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("error: Unknown options: '--canry'").contains("hint: Did you mean --canary or --canary-host or --canary-version or --canary-scale?");
    }

    @Test
    void everyCommandAnswersVersion() {
        CliRun run = CliRun.run("status", "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("grayctl ");
    }

    @Test
    void decideWeightWithoutItsNumberIsAUsageErrorBeforeAnythingIsContacted() {
        CliRun run = CliRun.run("--kubeconfig", "no-such-file", "decide", "reviews", "weight");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: 'weight' needs the canary weight").contains("hint: e.g. 'grayctl decide reviews weight 30'");
    }

    @Test
    void decidePromoteWithANumberIsAUsageError() {
        CliRun run = CliRun.run("--kubeconfig", "no-such-file", "decide", "reviews", "promote", "30");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: 'promote' takes no number (got 30)");
    }

    @Test
    void resumeWithoutAnIdIsAUsageError() {
        CliRun run = CliRun.run("--kubeconfig", "no-such-file", "rollout", "-f", "plan.yaml", "--resume", " ");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--resume needs the run's id");
    }
}
