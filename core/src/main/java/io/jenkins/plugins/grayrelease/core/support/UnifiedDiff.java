package io.jenkins.plugins.grayrelease.core.support;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.Arrays;
import java.util.List;

/**
 * A unified diff of two texts, for dry-run output: java-diff-utils (Myers' algorithm, whose cost
 * grows with the text plus the square of the change, not with the product of the two texts).
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** Empty when the texts are equal. */
    public static String of(String label, String before, String after) {
        return of(label, before, after, "");
    }

    /**
     * Empty when the texts are equal.
     *
     * @param section said after each hunk header ({@code @@ -1,3 +1,3 @@ section}), e.g. which
     *                part of a larger object the texts are; empty for none
     */
    public static String of(String label, String before, String after, String section) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<String> out = UnifiedDiffUtils.generateUnifiedDiff(label + " (current)", label + " (planned)", a, patch, CONTEXT);
        StringBuilder text = new StringBuilder();
        for (String line : out) {
            text.append(line);
            if (line.startsWith("@@") && !section.isEmpty()) {
                text.append(' ').append(section);
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** The lines of a text; a final newline ends the last line rather than starting an empty one. */
    private static List<String> lines(String text) {
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return Arrays.asList(t.split("\n", -1));
    }
}
