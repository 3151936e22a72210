package io.jenkins.plugins.grayrelease.core.analysis.judge;

import java.util.Locale;

/** Numbers as the judge's sentences write them. */
final class Words {
    private Words() {}

    static String looks(int n) {
        return n + (n == 1 ? " look" : " looks");
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return "∞";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }

    static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", v);
    }

    static String signedPercent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%+.1f %%", 100 * fraction);
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f ms", v);
    }

    static String p(double v) {
        return v >= 0.001 ? String.format(Locale.ROOT, "%.3f", v) : String.format(Locale.ROOT, "%.1e", v);
    }

    static String level(double alpha) {
        return String.format(Locale.ROOT, "%.4g %%", 100 * (1 - alpha)).replaceAll("\\.?0+ %", " %");
    }

    static String range(double lo, double hi) {
        return Double.isNaN(lo) ? "empty" : "[" + number(lo) + ", " + number(hi) + "]";
    }

    static String percentRange(double lo, double hi) {
        return Double.isNaN(lo) ? "empty" : "[" + signedPercent(lo) + ", "
                + (Double.isInfinite(hi) ? "∞" : signedPercent(hi)) + "]";
    }

    static String percentPoints(double lo, double hi) {
        return Double.isNaN(lo) ? "empty" : "[" + percent(lo) + ", " + percent(hi) + "]";
    }
}
