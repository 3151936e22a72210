package io.jenkins.plugins.grayrelease.core.rollout.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean": the known word closest to a misspelled one. Our own few lines rather than
 * Apache Commons Text, whose LevenshteinDistance would be the only use of a new dependency.
 */
final class Suggestions {
    private Suggestions() {
    }

    /**
     * The closest of {@code known} to {@code word}, ignoring case, when it is near enough to be a typo:
     * at most two edits (a swap of neighbours counts as one), and fewer than half the word's letters.
     */
    static Optional<String> closest(String word, List<String> known) {
        String w = word.toLowerCase(Locale.ROOT);
        return known.stream()
                .map(k -> new Object() {
                    final String name = k;
                    final int distance = distance(w, k.toLowerCase(Locale.ROOT));
                })
                .filter(c -> c.distance <= 2 && c.distance * 2 < Math.max(w.length(), 2))
                .min(Comparator.comparingInt(c -> c.distance))
                .map(c -> c.name);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
