package io.jenkins.plugins.grayrelease.core.analysis.judge;

import io.jenkins.plugins.grayrelease.core.analysis.judge.RequestStreams.Behaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Istio's standard metrics of several versions of one service, drawn from the seeded simulator
 * ({@link RequestStreams}) every scrape interval, as OpenMetrics text with explicit timestamps for
 * backfilling a real Prometheus: {@code istio_requests_total} by response code and the
 * {@code istio_request_duration_milliseconds} histogram, receiving side.
 */
public final class IstioSeries {
    private record Version(String version, double rps, Behaviour behaviour) {}

    private final String namespace;
    private final String service;
    private final Instant start;
    private final Instant end;
    private final Duration scrape;
    private final List<Version> versions = new ArrayList<>();

    public IstioSeries(String namespace, String service, Instant start, Instant end, Duration scrape) {
        this.namespace = namespace;
        this.service = service;
        this.start = start;
        this.end = end;
        this.scrape = scrape;
    }

    public IstioSeries version(String version, double rps, Behaviour behaviour) {
        versions.add(new Version(version, rps, behaviour));
        return this;
    }

    public String openMetrics(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Map<String, TreeMap<Long, Long>> requests = new LinkedHashMap<>();
        Map<String, TreeMap<Long, Long>> buckets = new LinkedHashMap<>();
        Map<String, TreeMap<Long, Long>> counts = new LinkedHashMap<>();
        Map<String, TreeMap<Long, Double>> sums = new LinkedHashMap<>();
        for (Version v : versions) {
            String base = "reporter=\"destination\",destination_service_namespace=\"" + namespace
                    + "\",destination_service_name=\"" + service + "\",destination_workload=\"" + service + "-" + v.version()
                    + "\",destination_version=\"" + v.version() + "\"";
            RequestStreams stream = new RequestStreams(rng, v.rps(), 100, v.behaviour(), v.behaviour(), scrape.toMillis() / 1000.0);
            long ok = 0;
            long failed = 0;
            long[] cumulative = new long[RequestStreams.BOUNDS.length];
            double sum = 0;
            for (Instant at = start; !at.isAfter(end); at = at.plus(scrape)) {
                if (at.isAfter(start)) {
                    SideCounts tick = stream.tick()[0];
                    failed += tick.errors();
                    ok += tick.requests() - tick.errors();
                    long[] b = tick.buckets();
                    long below = 0;
                    for (int k = 0; k < b.length; k++) {
                        below += b[k];
                        cumulative[k] += below;
                    }
                    sum += tick.requests() * v.behaviour().medianMs();
                }
                long ms = at.toEpochMilli();
                put(requests, base + ",response_code=\"200\"", ms, ok);
                put(requests, base + ",response_code=\"503\"", ms, failed);
                for (int k = 0; k < RequestStreams.BOUNDS.length; k++) {
                    double le = RequestStreams.BOUNDS[k];
                    put(buckets, base + ",le=\"" + (Double.isInfinite(le) ? "+Inf" : number(le)) + "\"", ms, cumulative[k]);
                }
                counts.computeIfAbsent(base, x -> new TreeMap<>()).put(ms, ok + failed);
                sums.computeIfAbsent(base, x -> new TreeMap<>()).put(ms, sum);
            }
        }
        StringBuilder out = new StringBuilder("# TYPE istio_requests counter\n");
        requests.forEach((labels, points) -> write(out, "istio_requests_total", labels, points));
        out.append("# TYPE istio_request_duration_milliseconds histogram\n");
        buckets.forEach((labels, points) -> write(out, "istio_request_duration_milliseconds_bucket", labels, points));
        counts.forEach((labels, points) -> write(out, "istio_request_duration_milliseconds_count", labels, points));
        sums.forEach((labels, points) -> points.forEach((ms, value) -> out.append("istio_request_duration_milliseconds_sum{")
                .append(labels).append("} ").append(String.format(Locale.ROOT, "%.1f", value)).append(' ')
                .append(timestamp(ms)).append('\n')));
        out.append("# EOF\n");
        return out.toString();
    }

    private static void put(Map<String, TreeMap<Long, Long>> into, String series, long ms, long value) {
        into.computeIfAbsent(series, k -> new TreeMap<>()).put(ms, value);
    }

    private static void write(StringBuilder out, String name, String labels, TreeMap<Long, Long> points) {
        points.forEach((ms, value) -> out.append(name).append('{').append(labels).append("} ").append(value).append(' ')
                .append(timestamp(ms)).append('\n'));
    }

    private static String timestamp(long ms) {
        return String.format(Locale.ROOT, "%d.%03d", ms / 1000, ms % 1000);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
    }
}
