package io.jenkins.plugins.grayrelease.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Invalid command-line input found after parsing (a malformed {@code NAME=VALUE}, options that
 * exclude each other). Picocli treats it like its own usage errors: exit 2, nothing written.
 */
public class UsageException extends ParameterException {

    private final String hint;

    public UsageException(CommandLine commandLine, String problem, String hint) {
        super(commandLine, problem);
        this.hint = hint;
    }

    /** What to type instead. */
    public String hint() {
        return hint;
    }
}
