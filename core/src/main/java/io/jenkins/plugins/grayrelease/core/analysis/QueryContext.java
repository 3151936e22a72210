package io.jenkins.plugins.grayrelease.core.analysis;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import io.jenkins.plugins.grayrelease.core.support.Durations;

/**
 * What a query is about: the canary of {@code service} in {@code namespace}, labelled
 * {@code canaryVersion}, looked at over the last {@code interval}. These are the values of the
 * {@code {{namespace}}}, {@code {{service}}}, {@code {{canaryVersion}}} and {@code {{interval}}}
 * placeholders of custom queries.
 */
public record QueryContext(String namespace, String service, String canaryVersion, Duration interval) {
    public QueryContext {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(canaryVersion, "canaryVersion");
        Objects.requireNonNull(interval, "interval");
    }

    public QueryContext withInterval(Duration newInterval) {
        return new QueryContext(namespace, service, canaryVersion, newInterval);
    }

    /** Placeholder name to value; label values are escaped for use inside PromQL double quotes. */
    Map<String, String> placeholders() {
        return Map.of(
                "namespace", escape(namespace),
                "service", escape(service),
                "canaryVersion", escape(canaryVersion),
                "interval", Durations.format(interval));
    }

    private static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
