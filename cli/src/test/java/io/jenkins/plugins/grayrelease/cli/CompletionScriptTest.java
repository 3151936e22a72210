package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.testing.DocPages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grayctl completion bash}: the script, loaded into a real bash, completes commands and a
 * subcommand's options, as {@code source <(grayctl completion bash)} does in a user's shell.
 */
class CompletionScriptTest {

    @TempDir
    Path dir;

    /** What bash offers for {@code line} (the cursor at its end) with grayctl's script loaded. */
    private List<String> complete(String line) throws IOException, InterruptedException {
        Path bash = Path.of("/bin/bash");
        Assumptions.assumeTrue(Files.isExecutable(bash), "no bash on this machine");
        CliRun script = CliRun.run("completion", "bash");
        assertThat(script.exitCode()).as(script.toString()).isZero();
        Path file = Files.writeString(dir.resolve("grayctl-completion.bash"), script.out());
        String words = line.endsWith(" ") ? line + "''" : line;
        // compopt works only while bash itself runs a completion; called from this driver it would only complain.
        String driver = "source " + file + "\ncompopt() { :; }\n"
                + "COMP_WORDS=(" + words + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_grayctl grayctl\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process bashRun = new ProcessBuilder(bash.toString(), "--norc", "--noprofile", "-c", driver).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(bashRun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bashRun.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bashRun.exitValue()).as(out).isZero();
        return out.lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void bashCompletesACommandFromItsFirstLetters() throws Exception {
        assertThat(complete("grayctl st")).containsExactly("status");
    }

    @Test
    void bashCompletesTheOptionsOfASubcommand() throws Exception {
        assertThat(complete("grayctl status --wa")).containsExactly("--watch");
    }

    @Test
    void bashCompletesTheCompletionCommandItself() throws Exception {
        assertThat(complete("grayctl compl")).containsExactly("completion");
    }

    @Test
    void zshGetsTheSameScriptWhichEnablesBashCompletionsInZsh() {
        CliRun zsh = CliRun.run("completion", "zsh");

        assertThat(zsh.exitCode()).as(zsh.toString()).isZero();
        assertThat(zsh.out()).isEqualTo(CliRun.run("completion", "bash").out()).contains("bashcompinit");
    }

    @Test
    void anUnknownShellIsAUsageErrorListingTheKnownOnes() {
        CliRun run = CliRun.run("completion", "fish");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).startsWith("error: Invalid value for positional parameter at index 0 (SHELL): expected one of [bash, zsh]"
                + " (case-sensitive) but was 'fish'\n");
    }

    @Test
    void theDocumentedLinesLoadTheCompletionOfEachShellIntoBash() throws Exception {
        // docs/grayctl.md's lines, run as they stand; grayctl here is a shell function printing what `grayctl completion SHELL` prints.
        String block = DocPages.firstBlock("docs/grayctl.md", "Shell completion", "sh");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash on this machine");
        for (String shell : List.of("bash", "zsh")) {
            Files.writeString(dir.resolve("completion-" + shell), CliRun.run("completion", shell).out());
        }
        List<String> lines = block.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(2);

        for (String line : lines) {
            String driver = "grayctl() { cat '" + dir + "/completion-'\"$2\"; }\n" + line + "\ncomplete -p grayctl\n";
            Process bash = new ProcessBuilder("/bin/bash", "--norc", "--noprofile", "-c", driver).redirectErrorStream(true).start();
            String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(bash.exitValue()).as(line + "\n" + out).isZero();
            assertThat(out).as(line).contains("_complete_grayctl");
        }
    }
}
