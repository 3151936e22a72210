package io.jenkins.plugins.grayrelease.core.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes Istio's standard metrics as OpenMetrics text with explicit timestamps, for backfilling
 * a real Prometheus. Each {@link Traffic} describes one workload version over a time span:
 * requests per second, the share answered 5xx, and the duration every request takes.
 */
public final class OpenMetricsData {
    /** Bucket bounds Istio uses by default for request duration, in milliseconds. */
    static final double[] BUCKETS = {0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000,
        60000, 300000, 600000, 1800000, 3600000};

    /**
     * One version's traffic from {@code from} to {@code to}.
     *
     * @param errorShare share of requests answered 503, 0.0–1.0
     * @param durationMillis how long each request takes
     */
    public record Traffic(String namespace, String service, String version, Instant from, Instant to,
            double requestsPerSecond, double errorShare, double durationMillis) {}

    private final Duration step;
    private final List<Traffic> traffic = new ArrayList<>();

    public OpenMetricsData(Duration step) {
        this.step = step;
    }

    public OpenMetricsData add(Traffic t) {
        traffic.add(t);
        return this;
    }

    /**
     * The OpenMetrics text: counters keep growing across consecutive {@link Traffic} entries of the
     * same version, as a real workload's counters do.
     */
    public String text() {
        // series key (labels) -> timestamp -> value; TreeMap keeps timestamps ascending.
        Map<String, TreeMap<Long, Double>> requests = new LinkedHashMap<>();
        Map<String, TreeMap<Long, Double>> buckets = new LinkedHashMap<>();
        Map<String, TreeMap<Long, Double>> counts = new LinkedHashMap<>();
        Map<String, TreeMap<Long, Double>> sums = new LinkedHashMap<>();
        Map<String, double[]> totals = new LinkedHashMap<>(); // per version: ok, errors, durationSum
        for (Traffic t : traffic) {
            String base = base(t);
            double[] total = totals.computeIfAbsent(base, k -> new double[3]);
            for (Instant at = t.from(); !at.isAfter(t.to()); at = at.plus(step)) {
                long ms = at.toEpochMilli();
                if (at.isAfter(t.from())) {
                    double n = t.requestsPerSecond() * step.toMillis() / 1000.0;
                    total[0] += n * (1 - t.errorShare());
                    total[1] += n * t.errorShare();
                    total[2] += n * t.durationMillis();
                }
                put(requests, base + ",response_code=\"200\"", ms, total[0]);
                put(requests, base + ",response_code=\"503\"", ms, total[1]);
                double all = total[0] + total[1];
                for (double le : BUCKETS) {
                    put(buckets, base + ",le=\"" + number(le) + "\"", ms, t.durationMillis() <= le ? all : 0);
                }
                put(buckets, base + ",le=\"+Inf\"", ms, all);
                put(counts, base, ms, all);
                put(sums, base, ms, total[2]);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("# TYPE istio_requests counter\n");
        write(out, "istio_requests_total", requests);
        out.append("# TYPE istio_request_duration_milliseconds histogram\n");
        for (String series : buckets.keySet()) {
            // A histogram's samples are grouped by timestamp in OpenMetrics; one series per line group.
            writeOne(out, "istio_request_duration_milliseconds_bucket", series, buckets.get(series));
        }
        write(out, "istio_request_duration_milliseconds_count", counts);
        write(out, "istio_request_duration_milliseconds_sum", sums);
        out.append("# EOF\n");
        return out.toString();
    }

    private static String base(Traffic t) {
        return "reporter=\"destination\",destination_service_namespace=\"" + t.namespace()
                + "\",destination_service_name=\"" + t.service() + "\",destination_workload=\"" + t.service()
                + "-" + t.version() + "\",destination_version=\"" + t.version() + "\"";
    }

    private static void put(Map<String, TreeMap<Long, Double>> into, String series, long ms, double value) {
        into.computeIfAbsent(series, k -> new TreeMap<>()).put(ms, value);
    }

    private static void write(StringBuilder out, String name, Map<String, TreeMap<Long, Double>> series) {
        series.forEach((labels, points) -> writeOne(out, name, labels, points));
    }

    private static void writeOne(StringBuilder out, String name, String labels, TreeMap<Long, Double> points) {
        points.forEach((ms, value) -> out.append(name).append('{').append(labels).append("} ")
                .append(number(value)).append(' ')
                .append(String.format(Locale.ROOT, "%d.%03d", ms / 1000, ms % 1000)).append('\n'));
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
