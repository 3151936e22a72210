package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.cli.output.DocumentWriter;
import io.jenkins.plugins.grayrelease.core.fleet.FleetOutcome;
import io.jenkins.plugins.grayrelease.core.fleet.FleetStatus;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import java.io.PrintWriter;

/** Prints a fleet release: its table (cluster × service) and what an operation did; renders, decides nothing. */
final class FleetPrinter {

    private final PrintWriter out;
    private final OutputFormat format;

    FleetPrinter(PrintWriter out, OutputFormat format) {
        this.out = out;
        this.format = format;
    }

    void status(FleetStatus status) {
        if (format != OutputFormat.TABLE) {
            document(StatusDocument.of(status));
            return;
        }
        out.println("fleet " + status.fleetId() + ": " + words(status.overall().name()));
        out.printf("%-14s %-24s %7s  %-12s %-7s %s%n", "CLUSTER", "SERVICE", "CANARY", "PHASE", "READY", "LAST CHANGE");
        for (FleetStatus.Row r : status.rows()) {
            if (r.unreachable() != null) {
                out.printf("%-14s %-24s %7s  %s%n", r.cluster(), r.service(), "?", "unreachable: " + r.unreachable());
                continue;
            }
            out.printf("%-14s %-24s %7s  %-12s %-7s %s%n", r.cluster(), r.service(), r.weight() == null ? "-" : r.weight() + " %",
                    r.phase() == null ? "-" : words(r.phase().name()), r.readyPods() == null ? "-" : r.readyPods(),
                    r.lastChange() == null ? "-" : r.lastChange().describe());
        }
        out.flush();
    }

    void outcome(FleetOutcome outcome) {
        if (format != OutputFormat.TABLE) {
            document(StatusDocument.of(outcome));
            return;
        }
        outcome.sentences().forEach(out::println);
        out.flush();
    }

    /**
     * How a run ended and every target as it was left: the outcome's sentences and the table, or one document
     * (the outcome with the fleet in its {@code fleet} key) that a script can parse whole.
     */
    void finished(FleetOutcome outcome, FleetStatus left) {
        if (format != OutputFormat.TABLE) {
            document(StatusDocument.of(outcome, left));
            return;
        }
        outcome(outcome);
        status(left);
    }

    static int exitCode(FleetOutcome outcome) {
        return switch (outcome.result()) {
            case DONE -> ExitCodes.OK;
            case ROLLED_BACK, INCOMPLETE, STOPPED -> ExitCodes.FAILED;
        };
    }

    private void document(Object doc) {
        if (format == OutputFormat.YAML) {
            DocumentWriter.yaml(doc, out);
        } else {
            DocumentWriter.json(doc, out);
        }
    }

    private static String words(String enumName) {
        return enumName.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
