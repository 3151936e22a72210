package io.jenkins.plugins.grayrelease.cli.output;

import io.jenkins.plugins.grayrelease.core.state.LastChange;
import io.jenkins.plugins.grayrelease.core.state.RecordedRelease;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorded releases as {@code kubectl get} lists objects: a header, one row per record,
 * columns padded to their widest cell, the namespace first when listing all namespaces, and the
 * last change's age as kubectl writes ages ({@code 45s}, {@code 12m}, {@code 5h}, {@code 3d}).
 */
public final class ReleaseListTable {

    private ReleaseListTable() {
    }

    public static void print(List<RecordedRelease> releases, boolean allNamespaces, Instant now, PrintWriter out) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("NAME", "KIND", "ROUTE", "PHASE", "WEIGHT", "STABLE → CANARY", "LAST CHANGE"));
        if (allNamespaces) {
            header.add(0, "NAMESPACE");
        }
        rows.add(header);
        for (RecordedRelease r : releases) {
            List<String> row = new ArrayList<>(List.of(r.name(), r.kind().kind(), r.route() == null ? "-" : r.route()));
            ReleaseState s = r.state();
            if (s == null) {
                row.addAll(List.of("UNREADABLE", "-", "-", r.problem()));
            } else {
                row.add(s.phase().name());
                row.add(s.weight() + "%");
                row.add(s.stable().label() + " → " + (s.canary() == null ? "-" : s.canary().label()));
                row.add(lastChange(s.lastChange(), now));
            }
            if (allNamespaces) {
                row.add(0, r.namespace());
            }
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (widths[i] + 3) + "s", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    private static String lastChange(LastChange c, Instant now) {
        if (c == null) {
            return "-";
        }
        return (c.at() == null ? "" : age(Duration.between(c.at(), now)) + " ago ") + c.action() + " by " + c.by();
    }

    /** kubectl's short ages: seconds up to two minutes, minutes up to two hours, hours up to two days, then days. */
    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 120 * 60) {
            return s / 60 + "m";
        }
        if (s < 48 * 3600) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }
}
