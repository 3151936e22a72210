package io.jenkins.plugins.grayrelease.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How stable and canary are told apart in the cluster.
 *
 * <ul>
 *   <li>{@link #PER_VERSION}: one subset (or host) per version ({@code v1}, {@code v2}); the
 *       VirtualService names the new subset, and after a promotion the canary's subset is the
 *       recorded stable. Subsets of one host and the two-host layout are both this kind.</li>
 *   <li>{@link #FIXED_SUBSETS}: two subsets that keep their names ({@code stable}, {@code canary})
 *       while their pod labels move: the engine sets the canary subset's version label, and a
 *       promotion gives the stable subset the canary's labels. Only weights differ from what is
 *       in Git, which GitOps tools like.</li>
 * </ul>
 * Unset, the layout is detected: subsets named {@code stable} and {@code canary} are the fixed layout.
 */
public enum Layout {
    PER_VERSION("per-version"),
    FIXED_SUBSETS("fixed-subsets");

    /** The subset names that select {@link #FIXED_SUBSETS} by themselves. */
    public static final String STABLE_SUBSET = "stable";
    public static final String CANARY_SUBSET = "canary";

    private final String spelling;

    Layout(String spelling) {
        this.spelling = spelling;
    }

    /** As users write it: {@code per-version} or {@code fixed-subsets}. */
    public String spelling() {
        return spelling;
    }

    /**
     * @return the layout, or null for blank (detect)
     * @throws IllegalArgumentException naming the accepted spellings
     */
    public static Layout parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Layout l : values()) {
            if (l.spelling.equals(v) || (l == FIXED_SUBSETS && v.equals("fixed"))) {
                return l;
            }
        }
        throw new IllegalArgumentException("layout '" + value + "' is unknown; use one of "
                + Arrays.stream(values()).map(Layout::spelling).collect(Collectors.joining(", ")));
    }

    /** The layout of a release with these sides when none was chosen: fixed when the subsets are named stable and canary. */
    public static Layout detect(Layout chosen, Destination stable, Destination canary) {
        if (chosen != null) {
            return chosen;
        }
        boolean fixed = stable != null && STABLE_SUBSET.equals(stable.subset())
                && (canary == null || CANARY_SUBSET.equals(canary.subset()));
        return fixed ? FIXED_SUBSETS : PER_VERSION;
    }
}
