package io.jenkins.plugins.grayrelease.core.analysis;

import io.jenkins.plugins.grayrelease.core.analysis.OpenMetricsData.Traffic;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The data the Prometheus tests share: service {@code reviews} in namespace {@code shop}, its
 * stable {@code v1} and one canary version per behaviour, over the hour before {@link #END}.
 * Queries are evaluated at {@code END} (see {@link #clock()}), so results never depend on how
 * long the build took.
 */
public final class CanaryMetrics {
    public static final String NAMESPACE = "shop";
    public static final String SERVICE = "reviews";
    /** Answers everything in 40 ms. */
    public static final String HEALTHY = "v2";
    /** Healthy for 30 minutes, then 25 % of its requests fail with 503. */
    public static final String ERROR_SPIKE = "v3";
    /** Healthy for 30 minutes, then every request takes 1.5 s. */
    public static final String SLOW = "v4";
    /** Deployed but never received a request: Prometheus has no series for it. */
    public static final String SILENT = "v5";
    /**
     * The two-Services layout (a Gateway API HTTPRoute's): the canary's own Service, healthy for 30
     * minutes, then 25 % of its requests fail with 503; its pods carry no version label Istio reports.
     */
    public static final String CANARY_SERVICE = "reviews-canary";

    /** Whole seconds, a little in the past, so that the backfilled blocks end before Prometheus starts. */
    public static final Instant END = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    public static final Instant START = END.minus(Duration.ofHours(1));
    public static final Instant SPIKE = END.minus(Duration.ofMinutes(30));

    private CanaryMetrics() {}

    public static Clock clock() {
        return Clock.fixed(END, ZoneOffset.UTC);
    }

    public static QueryContext context(String canaryVersion) {
        return new QueryContext(NAMESPACE, SERVICE, canaryVersion, Duration.ofMinutes(1));
    }

    public static String openMetrics() {
        return new OpenMetricsData(Duration.ofSeconds(15))
                .add(new Traffic(NAMESPACE, SERVICE, "v1", START, END, 20, 0.0, 40))
                .add(new Traffic(NAMESPACE, SERVICE, HEALTHY, START, END, 5, 0.0, 40))
                .add(new Traffic(NAMESPACE, SERVICE, ERROR_SPIKE, START, SPIKE, 5, 0.0, 40))
                .add(new Traffic(NAMESPACE, SERVICE, ERROR_SPIKE, SPIKE, END, 5, 0.25, 40))
                .add(new Traffic(NAMESPACE, SERVICE, SLOW, START, SPIKE, 5, 0.0, 40))
                .add(new Traffic(NAMESPACE, SERVICE, SLOW, SPIKE, END, 5, 0.0, 1500))
                .add(new Traffic(NAMESPACE, CANARY_SERVICE, "unknown", START, SPIKE, 5, 0.0, 40))
                .add(new Traffic(NAMESPACE, CANARY_SERVICE, "unknown", SPIKE, END, 5, 0.25, 40))
                .text();
    }

    public static PrometheusFixture startPrometheus(Path workDir) {
        return PrometheusFixture.start(workDir, openMetrics());
    }
}
