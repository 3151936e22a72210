package io.jenkins.plugins.grayrelease.core.bench;

import java.util.ArrayList;
import java.util.List;

/** Rows of a Markdown table, printed at the end so the numbers can be pasted into the README. */
final class BenchReport {

    private final List<String[]> rows = new ArrayList<>();

    void add(String measure, String value, String note) {
        rows.add(new String[] {measure, value, note});
        System.out.printf("bench: %-55s %s%n", measure, value);
    }

    String markdown() {
        StringBuilder out = new StringBuilder("| measure | value | how |\n| --- | --- | --- |\n");
        for (String[] row : rows) {
            out.append("| ").append(row[0]).append(" | ").append(row[1]).append(" | ").append(row[2]).append(" |\n");
        }
        return out.toString();
    }
}
