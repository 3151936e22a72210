package io.jenkins.plugins.grayrelease.core.status;

import io.jenkins.plugins.grayrelease.core.analysis.MetricResult;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison;
import io.jenkins.plugins.grayrelease.core.analysis.judge.EvidencePoint;
import io.jenkins.plugins.grayrelease.core.analysis.judge.WeightHistory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws an analysis' evidence as an SVG chart, on the server: plain markup, no script, so a page
 * under a strict Content-Security-Policy (Jenkins') shows it. A comparison draws the canary's and
 * the stable's values over time with the confidence band around the canary's; a threshold metric
 * draws its observed values and its bounds; both draw the canary's weight as steps on the same
 * time axis (right scale, 0–100 %).
 */
public final class EvidenceChart {
    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    private static final int LEFT = 56;
    private static final int RIGHT = 40;
    private static final int TOP = 28;
    private static final int BOTTOM = 34;
    private static final String CANARY = "#c0392b";
    private static final String STABLE = "#2471a3";
    private static final String WEIGHT = "#7f8c8d";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private EvidenceChart() {}

    /** A comparison's history: canary against stable, the band, the weight. */
    public static String svg(Comparison c) {
        List<EvidencePoint> h = c.history();
        String unit = switch (c.check()) {
            case ERRORS -> "error rate %";
            case LATENCY -> "p99 ms";
            case TRAFFIC_SPLIT -> "share of requests %";
        };
        String stableName = c.check() == io.jenkins.plugins.grayrelease.core.analysis.judge.Check.TRAFFIC_SPLIT
                ? "weight written" : "stable";
        List<Instant> times = h.stream().map(EvidencePoint::at).toList();
        return draw(new Chart(c.check().planName() + " — " + c.state(), unit, times,
                h.stream().mapToDouble(EvidencePoint::canary).toArray(), stableName,
                h.stream().mapToDouble(EvidencePoint::stable).toArray(),
                h.stream().mapToDouble(EvidencePoint::lower).toArray(),
                h.stream().mapToDouble(EvidencePoint::upper).toArray(), new double[0],
                h.stream().mapToDouble(EvidencePoint::weight).toArray()));
    }

    /**
     * A threshold metric's measurements: the observed values and the bounds.
     *
     * @param weights the weights written (may be empty)
     */
    public static String svg(String name, List<MetricResult> results, List<WeightHistory.Change> weights) {
        List<Instant> times = results.stream().map(MetricResult::time).toList();
        double[] observed = results.stream().mapToDouble(r -> r.observed().isPresent() ? r.observed().getAsDouble() : Double.NaN)
                .toArray();
        List<Double> bounds = new ArrayList<>();
        if (!results.isEmpty()) {
            results.get(0).threshold().min().ifPresent(bounds::add);
            results.get(0).threshold().max().ifPresent(bounds::add);
        }
        double[] weight = new double[times.size()];
        for (int i = 0; i < times.size(); i++) {
            weight[i] = Double.NaN;
            for (WeightHistory.Change w : weights) {
                if (!w.at().isAfter(times.get(i))) {
                    weight[i] = w.percent();
                }
            }
        }
        String title = name + (results.isEmpty() ? "" : " [" + results.get(0).check().query().describe() + "], threshold "
                + results.get(0).threshold().describe());
        return draw(new Chart(title, "value", times, observed, null, null, null, null,
                bounds.stream().mapToDouble(Double::doubleValue).toArray(), weight));
    }

    /**
     * What one chart shows, per time: the canary's values, the stable's (null: none), the band
     * (null: none), horizontal bounds, and the weight in % (NaN: unknown).
     */
    private record Chart(String title, String unit, List<Instant> times, double[] canary, String stableName,
            double[] stable, double[] low, double[] high, double[] thresholds, double[] weight) {}

    private static String draw(Chart chart) {
        String title = chart.title();
        String unit = chart.unit();
        List<Instant> times = chart.times();
        double[] canary = chart.canary();
        double[] stable = chart.stable();
        double[] low = chart.low();
        double[] high = chart.high();
        double[] thresholds = chart.thresholds();
        double[] weight = chart.weight();
        String stableName = chart.stableName();
        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gray-release-chart\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\">");
        out.append("<title>").append(escape(title)).append("</title>");
        out.append("<text x=\"").append(LEFT).append("\" y=\"16\" font-weight=\"bold\">").append(escape(title)).append("</text>");
        if (times.isEmpty()) {
            out.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT / 2).append("\">no measurement yet</text></svg>");
            return out.toString();
        }
        long t0 = times.get(0).toEpochMilli();
        long t1 = times.get(times.size() - 1).toEpochMilli();
        if (t1 <= t0) {
            t0 -= 30_000;
            t1 += 30_000;
        }
        double top = 0;
        for (double[] series : new double[][] {canary, stable, low, high, thresholds}) {
            if (series != null) {
                for (double v : series) {
                    if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                        top = Math.max(top, v);
                    }
                }
            }
        }
        top = top <= 0 ? 1 : top * 1.1;
        Scale s = new Scale(t0, t1, top);
        // Axes and their labels.
        out.append("<g stroke=\"#999\" stroke-width=\"1\"><line x1=\"").append(LEFT).append("\" y1=\"").append(s.y(0))
                .append("\" x2=\"").append(WIDTH - RIGHT).append("\" y2=\"").append(s.y(0)).append("\"/><line x1=\"")
                .append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT).append("\" y2=\"").append(s.y(0))
                .append("\"/></g>");
        label(out, 4, TOP + 4, number(top), "start");
        label(out, 4, s.y(0), "0", "start");
        label(out, 4, TOP + 16, unit, "start");
        label(out, LEFT, HEIGHT - 8, CLOCK.format(Instant.ofEpochMilli(t0)) + " UTC", "start");
        label(out, WIDTH - RIGHT, HEIGHT - 8, CLOCK.format(Instant.ofEpochMilli(t1)), "end");
        label(out, WIDTH - 4, TOP + 4, "100 %", "end");
        if (low != null && high != null) {
            band(out, times, low, high, s);
        }
        for (double th : thresholds) {
            out.append("<line class=\"threshold\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(s.y(th)).append("\" y2=\"").append(s.y(th))
                    .append("\" stroke=\"#e67e22\" stroke-dasharray=\"6 4\"/>");
        }
        weightSteps(out, times, weight, s);
        line(out, "stable", times, stable, STABLE, s);
        line(out, "canary", times, canary, CANARY, s);
        int x = LEFT + 300;
        legend(out, x, "canary", CANARY);
        if (stable != null) {
            legend(out, x + 70, stableName, STABLE);
        }
        legend(out, x + 180, "weight", WEIGHT);
        out.append("</svg>");
        return out.toString();
    }

    private record Scale(long t0, long t1, double top) {
        String x(Instant t) {
            return fmt(LEFT + (WIDTH - LEFT - RIGHT) * (t.toEpochMilli() - t0) / (double) (t1 - t0));
        }

        String y(double v) {
            double clamped = Math.max(0, Math.min(top, v));
            return fmt(HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * clamped / top);
        }

        String yPercent(double percent) {
            return fmt(HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * percent / 100);
        }
    }

    /** A polyline per run of known values: a missing value leaves a gap. */
    private static void line(StringBuilder out, String name, List<Instant> times, double[] values, String colour, Scale s) {
        if (values == null) {
            return;
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i <= values.length; i++) {
            boolean known = i < values.length && !Double.isNaN(values[i]) && !Double.isInfinite(values[i]);
            if (known) {
                points.append(points.length() == 0 ? "" : " ").append(s.x(times.get(i))).append(',').append(s.y(values[i]));
            } else if (points.length() > 0) {
                out.append("<polyline class=\"").append(name).append("\" fill=\"none\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"2\" points=\"").append(points).append("\"/>");
                points.setLength(0);
            }
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i]) && !Double.isInfinite(values[i])) {
                out.append("<circle class=\"").append(name).append("\" r=\"2\" fill=\"").append(colour).append("\" cx=\"")
                        .append(s.x(times.get(i))).append("\" cy=\"").append(s.y(values[i])).append("\"/>");
            }
        }
    }

    /** The confidence band: where the canary's value may be; open ends (∞) reach the top. */
    private static void band(StringBuilder out, List<Instant> times, double[] low, double[] high, Scale s) {
        StringBuilder upper = new StringBuilder();
        StringBuilder lower = new StringBuilder();
        for (int i = 0; i < times.size(); i++) {
            if (Double.isNaN(low[i])) {
                continue;
            }
            double hi = Double.isNaN(high[i]) ? s.top() : high[i];
            upper.append(s.x(times.get(i))).append(',').append(s.y(hi)).append(' ');
            lower.insert(0, s.x(times.get(i)) + "," + s.y(low[i]) + " ");
        }
        if (upper.length() > 0) {
            out.append("<polygon class=\"band\" fill=\"").append(CANARY).append("\" fill-opacity=\"0.15\" stroke=\"none\" points=\"")
                    .append((upper + lower.toString()).trim()).append("\"/>");
        }
    }

    private static void weightSteps(StringBuilder out, List<Instant> times, double[] weight, Scale s) {
        StringBuilder path = new StringBuilder();
        double previous = Double.NaN;
        for (int i = 0; i < times.size(); i++) {
            if (Double.isNaN(weight[i])) {
                continue;
            }
            String x = s.x(times.get(i));
            if (path.length() == 0) {
                path.append('M').append(x).append(',').append(s.yPercent(weight[i]));
            } else {
                path.append(" H").append(x).append(" V").append(s.yPercent(weight[i]));
            }
            if (weight[i] != previous && !Double.isNaN(previous)) {
                label(out, Double.parseDouble(x), Double.parseDouble(s.yPercent(weight[i])) - 3, number(weight[i]) + " %", "middle");
            }
            previous = weight[i];
        }
        if (path.length() > 0) {
            out.append("<path class=\"weight\" fill=\"none\" stroke=\"").append(WEIGHT)
                    .append("\" stroke-dasharray=\"2 2\" stroke-width=\"1.5\" d=\"").append(path).append("\"/>");
        }
    }

    private static void legend(StringBuilder out, int x, String name, String colour) {
        out.append("<rect x=\"").append(x).append("\" y=\"8\" width=\"10\" height=\"10\" fill=\"").append(colour).append("\"/>");
        label(out, x + 14, 17, name, "start");
    }

    private static void label(StringBuilder out, double x, Object y, String text, String anchor) {
        out.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(y).append("\" text-anchor=\"").append(anchor)
                .append("\" fill=\"#333\">").append(escape(text)).append("</text>");
    }

    private static String number(double v) {
        return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
