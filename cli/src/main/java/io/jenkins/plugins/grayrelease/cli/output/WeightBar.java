package io.jenkins.plugins.grayrelease.cli.output;

/** A share drawn as a bar of fixed width, so that splits can be compared at a glance. */
public final class WeightBar {

    private WeightBar() {
    }

    /** {@code fraction} 0..1 as {@code width} cells: full blocks for the share, light shade for the rest. */
    public static String of(double fraction, int width) {
        double clamped = Math.max(0, Math.min(1, fraction));
        int full = (int) Math.round(clamped * width);
        return "█".repeat(full) + "░".repeat(width - full);
    }
}
