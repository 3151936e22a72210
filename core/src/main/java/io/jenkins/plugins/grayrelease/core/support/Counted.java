package io.jenkins.plugins.grayrelease.core.support;

/** A number with its noun in the right form: {@code 1 match}, {@code 2 matches}, {@code 0 requests}. */
public final class Counted {

    private Counted() {
    }

    /** {@code count} and {@code singular}, or {@code plural} when the count is not exactly one. */
    public static String of(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
