package io.jenkins.plugins.grayrelease.core.routing;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts (line based, longest common subsequence), for dry-run output. */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** Empty when the texts are equal. */
    public static String of(String label, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        String[] a = lines(before);
        String[] b = lines(after);
        List<String> ops = script(a, b);
        StringBuilder out = new StringBuilder("--- " + label + " (current)\n+++ " + label + " (planned)\n");
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).charAt(0) == ' ') {
                i++;
                continue;
            }
            // A hunk: this change, every change within 2*CONTEXT lines of the previous one, and context around.
            int lastChange = i;
            for (int k = i + 1; k < ops.size() && k <= lastChange + 2 * CONTEXT; k++) {
                if (ops.get(k).charAt(0) != ' ') {
                    lastChange = k;
                }
            }
            int start = Math.max(0, i - CONTEXT);
            int end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            out.append(header(ops, start, end));
            for (int k = start; k < end; k++) {
                out.append(ops.get(k)).append('\n');
            }
            i = end;
        }
        return out.toString();
    }

    /** The lines of a text; a final newline ends the last line rather than starting an empty one. */
    private static String[] lines(String text) {
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return t.split("\n", -1);
    }

    private static String header(List<String> ops, int start, int end) {
        int oldLine = 1;
        int newLine = 1;
        for (int k = 0; k < start; k++) {
            char c = ops.get(k).charAt(0);
            oldLine += c != '+' ? 1 : 0;
            newLine += c != '-' ? 1 : 0;
        }
        int oldCount = 0;
        int newCount = 0;
        for (int k = start; k < end; k++) {
            char c = ops.get(k).charAt(0);
            oldCount += c != '+' ? 1 : 0;
            newCount += c != '-' ? 1 : 0;
        }
        return "@@ -" + oldLine + "," + oldCount + " +" + newLine + "," + newCount + " @@\n";
    }

    private static List<String> script(String[] a, String[] b) {
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                ops.add(" " + a[i++]);
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // Removals before additions, as diff(1) prints them.
                ops.add("-" + a[i++]);
            } else {
                ops.add("+" + b[j++]);
            }
        }
        return ops;
    }
}
