package io.jenkins.plugins.grayrelease.cli.output;

import io.jenkins.plugins.grayrelease.cli.OutputFormat;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult;
import io.jenkins.plugins.grayrelease.core.state.RecordedRelease;
import io.jenkins.plugins.grayrelease.core.status.EvidenceSummary;
import io.jenkins.plugins.grayrelease.core.fleet.FleetStatus;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints what a command produced on stdout in the chosen format: a table for people, or the
 * engine's {@link StatusDocument} as JSON or YAML. Writing commands print the resulting status
 * in the same shape as {@code status}, plus whether anything changed and the patch and diff.
 */
public final class ResultPrinter {

    private final PrintWriter out;
    private final OutputFormat format;

    public ResultPrinter(PrintWriter out, OutputFormat format) {
        this.out = out;
        this.format = format;
    }

    public void status(ReleaseStatus status) {
        if (format == OutputFormat.TABLE) {
            StatusTable.print(status, out);
        } else {
            document(StatusDocument.of(status));
        }
    }

    /**
     * A member of a fleet release: its status with the whole fleet in the document's {@code fleet} key; in a table
     * only the member (the caller prints the fleet table from the same {@link FleetStatus}).
     */
    public void status(ReleaseStatus status, FleetStatus fleet) {
        if (format == OutputFormat.TABLE) {
            StatusTable.print(status, out);
        } else {
            document(StatusDocument.of(status, fleet));
        }
    }

    /**
     * A status of a watch: the first as {@link #status}; each later one as the next YAML document
     * ({@code ---}), the next JSON document, or the table redrawn (on a terminal the screen is
     * cleared, elsewhere a dashed line separates the tables).
     */
    public void statusAgain(ReleaseStatus status, boolean again, boolean terminal) {
        if (again && format == OutputFormat.YAML) {
            out.println("---");
        } else if (again && format == OutputFormat.TABLE) {
            out.print(terminal ? "\033[H\033[2J" : "-".repeat(40) + System.lineSeparator());
        }
        status(status);
        out.flush();
    }

    public void result(OperationResult result) {
        if (format != OutputFormat.TABLE) {
            document(StatusDocument.of(result));
            return;
        }
        if (result.dryRun()) {
            out.println("Dry run: nothing was written. " + (result.changed() ? "Planned change:" : "Nothing would change."));
            if (result.changed()) {
                out.println(result.change().diff() == null || result.change().diff().isBlank()
                        ? result.change().patch() : result.change().diff().stripTrailing());
            }
            out.println();
            out.println("Status after the change:");
        } else if (!result.changed() && result.notes().isEmpty()) {
            out.println("Already so; nothing was written.");
        }
        result.notes().forEach(out::println);
        StatusTable.print(result.status(), out);
    }

    /**
     * A canary Deployment, with the routing status beside it when the service is routed already
     * ({@code status} null otherwise: then the JSON carries only the namespace and service).
     */
    public void deployment(String namespace, String service, WorkloadStatus workload, ReleaseStatus status) {
        if (format == OutputFormat.TABLE) {
            out.printf("%-15s %s %s%n", "DEPLOYMENT", workload.name(), workload.created() ? "created" : "updated");
            out.printf("%-15s %s%n", "IMAGE", workload.image());
            out.printf("%-15s %s%n", "VERSION", workload.version());
            out.printf("%-15s %d%n", "REPLICAS", workload.replicas());
            if (status != null) {
                StatusTable.print(status, out);
            }
            out.flush();
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        if (status == null) {
            doc.put("namespace", namespace);
            doc.put("service", service);
        } else {
            doc.putAll(StatusDocument.of(status));
        }
        doc.put("deployment", StatusDocument.deployment(workload));
        document(doc);
    }

    /** How a rollout ended: the release as it was left (table), or the whole result (JSON/YAML). */
    public void rollout(RolloutResult result) {
        if (format != OutputFormat.TABLE) {
            document(StatusDocument.of(result));
        } else {
            if (result.status() != null) {
                StatusTable.print(result.status(), out);
            }
            // The analyses' evidence, compactly: the verdict, both sides' numbers, the interval, p against α.
            EvidenceSummary.lines(result.analyses()).forEach(out::println);
        }
    }

    /**
     * The recorded releases: a kubectl-like table, or {@code {"items": [...]}} (as {@code kubectl get -o json}
     * lists objects) of core's record documents.
     */
    public void releases(List<RecordedRelease> releases, boolean allNamespaces, Instant now) {
        if (format == OutputFormat.TABLE) {
            ReleaseListTable.print(releases, allNamespaces, now, out);
            return;
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("items", new ArrayList<>(releases.stream().map(StatusDocument::of).toList()));
        document(list);
    }

    private void document(Object doc) {
        if (format == OutputFormat.YAML) {
            DocumentWriter.yaml(doc, out);
        } else {
            DocumentWriter.json(doc, out);
        }
    }
}
