package io.jenkins.plugins.grayrelease.core.analysis.judge;

import io.jenkins.plugins.grayrelease.core.analysis.IstioSelectors;
import io.jenkins.plugins.grayrelease.core.analysis.PrometheusClient;
import io.jenkins.plugins.grayrelease.core.analysis.QueryContext;
import io.jenkins.plugins.grayrelease.core.analysis.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads one side's counters as they stand (no rate(): the judge takes the differences between its
 * own looks, so every request is counted once, in whole numbers): requests, errors and the
 * request-duration histogram of Istio's standard metrics, receiving side only.
 */
final class SideReader {
    /** What one read returned, with the PromQL sent. */
    record Reading(SideCounts counts, double[] bounds, List<String> queries) {}

    private final PrometheusClient prometheus;
    private final String errorCodes;

    SideReader(PrometheusClient prometheus, String errorCodes) {
        this.prometheus = prometheus;
        this.errorCodes = errorCodes;
    }

    String requestsQuery(QueryContext side) {
        return "sum(istio_requests_total{" + IstioSelectors.side(side) + "})";
    }

    String errorsQuery(QueryContext side) {
        return "sum(istio_requests_total{" + IstioSelectors.side(side) + ",response_code=~" + IstioSelectors.quote(errorCodes) + "})";
    }

    String bucketsQuery(QueryContext side) {
        return "sum by (le) (istio_request_duration_milliseconds_bucket{" + IstioSelectors.side(side) + "})";
    }

    /**
     * @param withLatency also read the histogram
     * @throws io.jenkins.plugins.grayrelease.core.errors.PrometheusQueryException when Prometheus fails
     */
    Reading read(QueryContext side, boolean withLatency, Instant time) {
        List<String> queries = new ArrayList<>();
        queries.add(requestsQuery(side));
        long requests = single(prometheus.instantQuery(queries.get(0), time));
        queries.add(errorsQuery(side));
        long errors = single(prometheus.instantQuery(queries.get(1), time));
        if (!withLatency) {
            return new Reading(new SideCounts(requests, errors, new long[0]), new double[0], queries);
        }
        queries.add(bucketsQuery(side));
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        for (Sample s : prometheus.instantQuery(queries.get(2), time)) {
            String le = s.labels().get("le");
            if (le != null && !Double.isNaN(s.value())) {
                cumulative.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), s.value());
            }
        }
        double[] bounds = new double[cumulative.size()];
        long[] buckets = new long[cumulative.size()];
        long below = 0;
        int k = 0;
        for (var e : cumulative.entrySet()) {
            long upTo = Math.round(e.getValue());
            bounds[k] = e.getKey();
            buckets[k] = Math.max(0, upTo - below);
            below = Math.max(below, upTo);
            k++;
        }
        return new Reading(new SideCounts(requests, errors, buckets), bounds, queries);
    }

    /** No series (no requests or no errors yet) is 0. */
    private static long single(List<Sample> samples) {
        double total = 0;
        for (Sample s : samples) {
            if (!Double.isNaN(s.value())) {
                total += s.value();
            }
        }
        return Math.round(total);
    }
}
