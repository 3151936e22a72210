package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.sandbox.SampleApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 22 part 1: grayctl's global options go before or after the command, as kubectl users type
 * them, whatever their value; a value that is also a command's name ({@code demo}, {@code deploy})
 * is still the option's value. Before the fix these failed with exit 2, "Expected parameter for
 * option '--namespace' but found 'demo'".
 */
class GlobalOptionsAnywhereTest extends SandboxCommandTest {

    @BeforeAll
    void installNamespacesNamedLikeCommands() {
        SampleApplication.install(cluster.client(), "demo");
        SampleApplication.install(cluster.client(), "deploy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-n demo status reviews", "-n=demo status reviews", "--namespace demo status reviews",
            "--namespace=demo status reviews", "-ndemo status reviews", "status -n demo reviews", "status reviews -n demo",
            "status reviews --namespace=demo"})
    void namespaceIsTakenInAnyPositionAndSpelling(String line) {
        CliRun run = grayctl(line.split(" "));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("SERVICE         demo/reviews");
    }

    @Test
    void aNamespaceNamedLikeACommandIsTheNamespace() {
        CliRun run = grayctl("-n", "deploy", "status", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("SERVICE         deploy/reviews");
    }

    @Test
    void contextNamedLikeACommandPicksThatContextBeforeTheCommand() {
        Path twoContexts = KubeconfigFiles.write(dir, "two-contexts", cluster.url(), "mine", "mine=" + namespace, "demo=demo");

        CliRun run = CliRun.run("--kubeconfig", twoContexts.toString(), "--context", "demo", "status", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("SERVICE         demo/reviews");
    }

    @Test
    void outputFormatBeforeTheCommand() {
        CliRun run = grayctl("-o", "yaml", "-n", "demo", "status", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("namespace: demo", "service: reviews");
    }

    @Test
    void watchTakesTheGlobalOptionsOnEitherSide() {
        CliRun run = grayctl("-n", "demo", "status", "-w", "reviews", "--timeout", "1s");
        CliRun after = grayctl("status", "reviews", "-w", "--timeout", "1s", "-n", "deploy", "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("SERVICE         demo/reviews");
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(after.out()).contains("\"namespace\" : \"deploy\"");
    }
}
