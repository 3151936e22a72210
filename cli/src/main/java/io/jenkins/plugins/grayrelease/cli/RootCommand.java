package io.jenkins.plugins.grayrelease.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code grayctl} itself: the options every command shares. They are inherited, so they may be
 * written before or after the command name ({@code grayctl -n shop status reviews} and
 * {@code grayctl status reviews -n shop} mean the same).
 */
@Command(name = "grayctl", mixinStandardHelpOptions = true, versionProvider = GrayCtlVersion.class,
        description = "Gray (canary) releases on Kubernetes through Istio routing.%n"
                + "Exit codes: 0 done, 1 operation failed, 2 invalid input (nothing written), "
                + "3 rolled back by analysis, 4 not approved, 5 rolled back or aborted by someone else.")
public final class RootCommand implements Callable<Integer> {

    /** grayctl's commands, in the order its help lists them; {@link CommandTree} adds them (all, or the one invoked). */
    static final List<Class<?>> COMMANDS = List.of(StatusCommand.class, WeightCommand.class, TestersCommand.class, MirrorCommand.class,
            PromoteCommand.class, RollbackCommand.class, DeployCommand.class, RolloutCommand.class, DecideCommand.class, DemoCommand.class,
            ListCommand.class, CompletionCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--kubeconfig", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Kubeconfig file. Default: KUBECONFIG, then ~/.kube/config, then the in-cluster service account.")
    String kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Kubeconfig context. Default: its current context. Repeat it (--context eu-1 --context us-1) to change"
                    + " the release in every one of those clusters as one fleet release (weight, promote, rollback, status).")
    java.util.List<String> contexts = new java.util.ArrayList<>();

    /** The one context a command works in (null: the kubeconfig's current one); see {@link #contexts} for several. */
    String context() {
        return contexts.isEmpty() ? null : contexts.get(contexts.size() - 1);
    }

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", scope = ScopeType.INHERIT,
            description = "Namespace. Default: the context's namespace, else 'default'.")
    String namespace;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT, defaultValue = "table",
            converter = OutputFormat.Converter.class, description = "table, json or yaml. Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean verbose;

    private final Terminal terminal;

    public RootCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    public Terminal terminal() {
        return terminal;
    }

    public OutputFormat output() {
        return output;
    }

    public boolean verbose() {
        return verbose;
    }

    /** Run without a command: say which ones exist. */
    @Override
    public Integer call() {
        throw new UsageException(spec.commandLine(), "a command is required",
                "Run 'grayctl --help' to list them, e.g. 'grayctl demo --yes'");
    }
}
