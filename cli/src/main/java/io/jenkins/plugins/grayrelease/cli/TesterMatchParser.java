package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.core.TesterMatch;
import picocli.CommandLine;

/**
 * Reads one {@code NAME=VALUE} argument of {@code testers}. Only the syntax is checked here;
 * whether a header name or regex is acceptable to Istio is the engine's call.
 */
final class TesterMatchParser {

    private final CommandLine commandLine;

    TesterMatchParser(CommandLine commandLine) {
        this.commandLine = commandLine;
    }

    /**
     * @param kind    the option's kind: the option is {@code --} and the kind's word, as in plans and the status document
     * @param example a valid argument, for the hint ({@code end-user=jason})
     */
    TesterMatch parse(TesterMatch.Kind kind, String argument, String example) {
        String option = "--" + kind.word();
        int eq = argument.indexOf('=');
        String name = eq < 0 ? "" : argument.substring(0, eq).trim();
        String value = eq < 0 ? "" : argument.substring(eq + 1);
        if (eq < 0 || name.isEmpty() || value.isEmpty()) {
            String what = eq < 0 ? "has no '='" : name.isEmpty() ? "has no name before '='" : "has no value after '='";
            throw new UsageException(commandLine, option + " '" + argument + "' " + what + "; expected NAME=VALUE",
                    "Write the name, '=', then the value, e.g. " + option + " " + example);
        }
        return new TesterMatch(kind, name, value);
    }
}
