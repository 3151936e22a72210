package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.core.errors.ApiUnreachableException;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one readable line and a hint on stderr, and the exit code that says
 * which kind it was. The kind comes from the exception's type, never from its text. Stack traces
 * only with {@code --verbose}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final RootCommand root;

    ErrorReporter(RootCommand root) {
        this.root = root;
    }

    /** Usage errors, from picocli's parser or from a command's own checks: exit 2. */
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        String hint;
        if (ex instanceof UsageException usage) {
            hint = usage.hint();
        } else {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            hint = "See '" + command + " --help'";
            if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
                hint = "Did you mean " + String.join(" or ", unmatched.getSuggestions()) + "? " + hint;
            }
        }
        report(ex.getMessage(), hint, ex);
        return ExitCodes.INVALID;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        // The engine and its connector turn every failure of the Kubernetes client into one of these.
        if (ex instanceof ApiUnreachableException unreachable) {
            // The engine's hint names the context and kubeconfig; here they are options.
            report(describe(unreachable), unreachable.hint() + " (--context, --kubeconfig)", ex);
            return ExitCodes.FAILED;
        }
        if (ex instanceof GrayReleaseException gray) {
            report(describe(gray), gray.hint(), ex);
            // Invalid input and missing objects are found before any write: nothing changed.
            return gray instanceof InvalidReleaseException ? ExitCodes.INVALID : ExitCodes.FAILED;
        }
        report("unexpected " + ex.getClass().getSimpleName() + ": " + firstLine(ex.getMessage()),
                "Run again with --verbose for the stack trace and report it", ex);
        return ExitCodes.FAILED;
    }

    /** {@code <namespace/Kind/name>: <field>: <problem>}; the hint goes on its own line. */
    private static String describe(GrayReleaseException e) {
        StringBuilder sb = new StringBuilder();
        if (e.object() != null) {
            sb.append(e.object()).append(": ");
        }
        if (e.field() != null && !e.field().isBlank()) {
            sb.append(e.field()).append(": ");
        }
        return sb.append(e.problem()).toString();
    }

    private void report(String problem, String hint, Throwable ex) {
        PrintWriter err = root.terminal().err();
        err.println("error: " + problem);
        if (hint != null && !hint.isBlank()) {
            err.println("hint: " + hint);
        }
        if (root.verbose()) {
            ex.printStackTrace(err);
        }
        err.flush();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
