package io.jenkins.plugins.grayrelease.cli;

import picocli.CommandLine;

/** Entry point of {@code grayctl}: builds the command tree over the process's streams and exits with its code. */
public final class GrayCtl {

    private GrayCtl() {
    }

    public static void main(String[] args) {
        // fabric8 logs through SLF4J and grayctl ships no logging backend on purpose (errors are
        // reported by grayctl itself); this keeps SLF4J from warning about that on every run.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        Terminal terminal = Terminal.system();
        int code = run(terminal, args);
        terminal.flush();
        System.exit(code);
    }

    /** Runs one command line to the end; tests call this with their own streams. */
    public static int run(Terminal terminal, String... args) {
        return commandLine(terminal).execute(args);
    }

    static CommandLine commandLine(Terminal terminal) {
        RootCommand root = new RootCommand(terminal);
        ErrorReporter errors = new ErrorReporter(root);
        return new CommandLine(root)
                .setOut(terminal.out())
                .setErr(terminal.err())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }
}
