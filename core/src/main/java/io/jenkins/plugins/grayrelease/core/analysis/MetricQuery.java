package io.jenkins.plugins.grayrelease.core.analysis;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.jenkins.plugins.grayrelease.core.support.Durations;

/** How a metric is measured: a built-in template over Istio's standard metrics, or custom PromQL. */
public sealed interface MetricQuery {

    /** The PromQL to send for this context. */
    String render(QueryContext context);

    /** Short name for logs. */
    String describe();

    /**
     * Share of the canary's requests that did not answer 5xx, in percent (0–100), from
     * {@code istio_requests_total} as reported by the receiving side.
     */
    record SuccessRate() implements MetricQuery {
        @Override
        public String render(QueryContext c) {
            String selector = IstioSelectors.canary(c);
            return "sum(rate(istio_requests_total{" + selector + ",response_code!~\"5..\"}[" + interval(c) + "]))"
                    + " / sum(rate(istio_requests_total{" + selector + "}[" + interval(c) + "])) * 100";
        }

        @Override
        public String describe() {
            return "request success rate (%)";
        }
    }

    /**
     * The given percentile of the canary's request duration in milliseconds, from
     * {@code istio_request_duration_milliseconds_bucket}.
     *
     * @param percentile between 0 (exclusive) and 100 (exclusive), e.g. 99
     */
    record LatencyPercentile(double percentile) implements MetricQuery {
        public LatencyPercentile {
            if (!(percentile > 0 && percentile < 100)) {
                throw new IllegalArgumentException("percentile must be above 0 and below 100, got "
                        + Threshold.number(percentile) + "; write e.g. 99 for the 99th percentile");
            }
        }

        @Override
        public String render(QueryContext c) {
            String quantile = String.format(Locale.ROOT, "%s", percentile / 100.0);
            return "histogram_quantile(" + quantile + ", sum by (le) (rate(istio_request_duration_milliseconds_bucket{"
                    + IstioSelectors.canary(c) + "}[" + interval(c) + "])))";
        }

        @Override
        public String describe() {
            return "request duration p" + Threshold.number(percentile) + " (ms)";
        }
    }

    /**
     * Any PromQL returning one number; {@code {{namespace}}}, {@code {{service}}},
     * {@code {{canaryVersion}}} and {@code {{interval}}} are replaced before sending.
     */
    record Custom(String promql) implements MetricQuery {
        private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");
        private static final Set<String> KNOWN = Set.of("namespace", "service", "canaryVersion", "interval");

        public Custom {
            if (promql == null || promql.isBlank()) {
                throw new IllegalArgumentException("query must not be empty");
            }
            Matcher m = PLACEHOLDER.matcher(promql);
            while (m.find()) {
                if (!KNOWN.contains(m.group(1))) {
                    throw new IllegalArgumentException("unknown placeholder {{" + m.group(1)
                            + "}}; the known ones are {{namespace}}, {{service}}, {{canaryVersion}}, {{interval}}");
                }
            }
        }

        @Override
        public String render(QueryContext c) {
            var values = c.placeholders();
            Matcher m = PLACEHOLDER.matcher(promql);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
            }
            m.appendTail(out);
            return out.toString();
        }

        @Override
        public String describe() {
            return "custom query";
        }
    }

    private static String interval(QueryContext c) {
        return Durations.format(c.interval());
    }
}
