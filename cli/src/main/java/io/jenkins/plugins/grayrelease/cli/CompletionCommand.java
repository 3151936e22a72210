package io.jenkins.plugins.grayrelease.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code grayctl completion bash|zsh}: prints the shell completion script picocli generates from
 * the command tree, so it always knows every command and option. Used like kubectl's:
 * {@code source <(grayctl completion bash)}. zsh runs the same script through its bash
 * completion layer (the script loads {@code bashcompinit} itself when it runs in zsh).
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print the shell completion script for bash or zsh. Load it with: source <(grayctl completion bash)"
                + " (zsh: source <(grayctl completion zsh)); add that line to ~/.bashrc or ~/.zshrc to keep it.")
final class CompletionCommand implements Callable<Integer> {

    /** Lower case: the names are what users type. */
    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        // picocli's script serves both: in zsh it first enables bash completions (bashcompinit).
        String script = AutoComplete.bash("grayctl", spec.root().commandLine());
        RootCommand root = (RootCommand) spec.root().userObject();
        root.terminal().out().print(script);
        root.terminal().out().flush();
        return ExitCodes.OK;
    }
}
