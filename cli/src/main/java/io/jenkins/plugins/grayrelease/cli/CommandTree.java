package io.jenkins.plugins.grayrelease.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Adds grayctl's commands to the root command line: only the one a command line invokes when that is
 * certain, else all of them. picocli builds each command's model by reflection when it is added (its
 * options, mixins, converters); building all twelve for {@code grayctl status} cost about a tenth of a
 * second of CPU on every start. Anything that shows or needs the whole tree gets it: no command
 * ({@code grayctl}, {@code grayctl --help}), {@code --help}/{@code --version} before the command, an
 * unknown command (picocli suggests the nearest), {@code completion} (its script lists every command),
 * and any argument before the command this reading does not understand.
 */
final class CommandTree {

    private CommandTree() {
    }

    static void addSubcommands(CommandLine root, String... args) {
        Class<?> invoked = invoked(root.getCommandSpec(), args);
        for (Class<?> command : RootCommand.COMMANDS) {
            if (invoked == null || command == invoked) {
                root.addSubcommand(command);
            }
        }
    }

    /**
     * The command the first argument that is not a global option or its value names; null when the
     * command line needs the whole tree. Global options may come first with their values
     * ({@code -n deploy status reviews}, {@code --namespace=demo}, {@code -ndemo}).
     */
    static Class<?> invoked(CommandSpec root, String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                return named(arg);
            }
            int eq = arg.indexOf('=');
            OptionSpec option = root.findOption(eq < 0 ? arg : arg.substring(0, eq));
            boolean attached = eq >= 0;
            if (option == null && !arg.startsWith("--") && arg.length() > 2) { // -ndemo: a short option and its value
                option = root.findOption(arg.substring(0, 2));
                attached = true;
            }
            if (option == null || option.usageHelp() || option.versionHelp() || attached && option.arity().max() == 0) {
                return null;
            }
            if (!attached && option.arity().min() > 0) {
                i++;
            }
        }
        return null;
    }

    private static Class<?> named(String name) {
        for (Class<?> command : RootCommand.COMMANDS) {
            Command annotation = command.getAnnotation(Command.class);
            if (annotation.name().equals(name) || java.util.Arrays.asList(annotation.aliases()).contains(name)) {
                return command == CompletionCommand.class ? null : command;
            }
        }
        return null;
    }
}
