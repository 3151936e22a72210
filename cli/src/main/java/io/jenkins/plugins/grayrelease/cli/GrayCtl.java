package io.jenkins.plugins.grayrelease.cli;

import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;

/** Entry point of {@code grayctl}: builds the command tree over the process's streams and exits with its code. */
public final class GrayCtl {

    // Vert.x (fabric8's HTTP client) reports a slow machine through java.util.logging, e.g. "Thread
    // ... has been blocked for 2157 ms"; that is noise on a command line. Held in a field because
    // JUL keeps loggers only weakly.
    private static final Logger VERTX_LOG = Logger.getLogger("io.vertx");

    private GrayCtl() {
    }

    public static void main(String[] args) {
        // fabric8 logs through SLF4J and grayctl ships no logging backend on purpose (errors are
        // reported by grayctl itself); this keeps SLF4J from warning about that on every run.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        VERTX_LOG.setLevel(Level.SEVERE);
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
        CommandLine commandLine = new CommandLine(root)
                .setOut(terminal.out())
                .setErr(terminal.err())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
        // Subcommands have their own --version (picocli's standard options); they answer like grayctl's.
        commandLine.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new GrayCtlVersion()));
        return commandLine;
    }
}
