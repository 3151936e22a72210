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

    private static final String KEY_PBE_ITERATIONS = "keystore.pkcs12.keyPbeIterationCount";

    private GrayCtl() {
    }

    public static void main(String[] args) {
        // fabric8 logs through SLF4J and grayctl ships no logging backend on purpose (errors are
        // reported by grayctl itself); this keeps SLF4J from warning about that on every run.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        VERTX_LOG.setLevel(Level.SEVERE);
        // fabric8 hands a kubeconfig's client key to the TLS layer through a PKCS12 key store that only
        // ever exists in this process's memory, under a fixed password; the JDK protects each key put in
        // one with 10 000 PBKDF2 rounds, and again when taking it out: CPU on every start that protects
        // nothing here. Keys in key store files are read with their own settings; JAVA_OPTS may set it.
        if (System.getProperty(KEY_PBE_ITERATIONS) == null) {
            System.setProperty(KEY_PBE_ITERATIONS, "1");
        }
        Terminal terminal = Terminal.system();
        int code = run(terminal, args);
        terminal.flush();
        System.exit(code);
    }

    /** Runs one command line to the end; tests call this with their own streams. */
    public static int run(Terminal terminal, String... args) {
        return commandLine(terminal, args).execute(args);
    }

    /** The whole command tree, every command in it. */
    static CommandLine commandLine(Terminal terminal) {
        return commandLine(terminal, new String[0]);
    }

    /** The tree for one command line: only the command it invokes when that is clear, see {@link CommandTree}. */
    static CommandLine commandLine(Terminal terminal, String... args) {
        RootCommand root = new RootCommand(terminal);
        ErrorReporter errors = new ErrorReporter(root);
        CommandLine commandLine = new CommandLine(root);
        // Before the settings below: picocli applies them to the subcommands present when they are set.
        CommandTree.addSubcommands(commandLine, args);
        commandLine.setOut(terminal.out())
                .setErr(terminal.err())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                // `grayctl -n demo status` and `--context deploy`: a value that is also a command's name is the
                // option's value, as kubectl reads it (picocli otherwise takes it for the command and fails).
                .setAllowSubcommandsAsOptionParameters(true);
        // Subcommands have their own --version (picocli's standard options); they answer like grayctl's.
        commandLine.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new GrayCtlVersion()));
        return commandLine;
    }
}
