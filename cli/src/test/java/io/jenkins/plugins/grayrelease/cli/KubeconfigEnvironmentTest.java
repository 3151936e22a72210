package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * grayctl in kubectl's environment: KUBECONFIG with several files (set here through fabric8's
 * system property {@code kubeconfig}, read before the variable), their current context, --context
 * and --kubeconfig over them, and what grayctl says when there is no kubeconfig.
 */
class KubeconfigEnvironmentTest extends SandboxCommandTest {

    @AfterEach
    void forgetKubeconfigVariable() {
        System.clearProperty("kubeconfig");
    }

    private void kubeconfigVariable(Path... files) {
        System.setProperty("kubeconfig", String.join(File.pathSeparator, java.util.Arrays.stream(files).map(Path::toString).toList()));
    }

    @Test
    void severalFilesInKubeconfigUseTheFirstCurrentContextAndAnyOfTheirContexts() {
        Path first = KubeconfigFiles.write(dir, "first", cluster.url(), null, "elsewhere=nowhere");
        Path second = KubeconfigFiles.write(dir, "second", cluster.url(), "mine", "mine=" + namespace);
        kubeconfigVariable(first, second);

        CliRun current = CliRun.run("status", "reviews");
        CliRun named = CliRun.run("--context", "elsewhere", "status", "reviews");

        assertThat(current.exitCode()).as(current.toString()).isZero();
        assertThat(current.out()).contains("SERVICE         " + namespace + "/reviews");
        assertThat(named.exitCode()).as(named.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(named.err()).startsWith("error: nowhere/VirtualService/reviews: not found");
    }

    @Test
    void kubeconfigOptionWinsOverTheVariable() {
        kubeconfigVariable(KubeconfigFiles.write(dir, "other", cluster.url(), "other", "other=nowhere"));

        CliRun run = grayctl("status", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("SERVICE         " + namespace + "/reviews");
    }

    @Test
    void noKubeconfigSaysWhereItLookedAndHowToGiveOne() {
        Path gone = dir.resolve("gone");
        kubeconfigVariable(gone);

        CliRun run = CliRun.run("status", "reviews");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).isEqualTo("error: kubeconfig: no kubeconfig found: KUBECONFIG names " + gone + ", which does not exist\n"
                + "hint: Give one with --kubeconfig FILE, or set KUBECONFIG to your kubeconfig file(s) (several separated by ':')\n");
        assertThat(run.out()).isEmpty();
    }
}
