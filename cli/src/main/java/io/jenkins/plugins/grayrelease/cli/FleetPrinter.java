package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.cli.output.DocumentWriter;
import io.jenkins.plugins.grayrelease.core.fleet.FleetOutcome;
import io.jenkins.plugins.grayrelease.core.fleet.FleetStatus;
import io.jenkins.plugins.grayrelease.core.fleet.FleetTarget;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
            document(document(status));
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
            document(document(outcome));
            return;
        }
        outcome.sentences().forEach(out::println);
        out.flush();
    }

    static int exitCode(FleetOutcome outcome) {
        return switch (outcome.result()) {
            case DONE -> ExitCodes.OK;
            case ROLLED_BACK, INCOMPLETE, STOPPED -> ExitCodes.FAILED;
        };
    }

    private static Map<String, Object> document(FleetStatus status) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("fleet", status.fleetId());
        doc.put("phase", status.overall().name());
        doc.put("targets", status.rows().stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", r.target().id());
            row.put("cluster", r.target().cluster());
            row.put("namespace", r.target().target().namespace());
            row.put("service", r.target().target().service());
            row.put("canaryWeight", r.weight());
            row.put("phase", r.phase() == null ? null : r.phase().name());
            row.put("readyPods", r.readyPods());
            row.put("unreachable", r.unreachable());
            return row;
        }).toList());
        return doc;
    }

    private static Map<String, Object> document(FleetOutcome outcome) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("result", outcome.result().name());
        doc.put("action", outcome.action());
        doc.put("changed", outcome.changed().stream().map(FleetTarget::id).toList());
        if (outcome.failure() != null) {
            doc.put("failed", Map.of("target", outcome.failure().target().id(), "problem", outcome.failure().problem(),
                    "unreachable", outcome.failure().unreachable()));
        }
        doc.put("undone", outcome.undone().stream().map(u -> Map.of("target", u.target().id(), "canaryWeightBefore", u.before())).toList());
        List<Map<String, String>> unfinished = outcome.unfinished().stream().map(u -> Map.of("target", u.target().id(), "needs",
                u.action(), "reason", u.reason(), "command", u.command())).toList();
        doc.put("unfinished", unfinished);
        doc.put("summary", outcome.summary());
        return doc;
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
