package io.jenkins.plugins.grayrelease.core.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.grayrelease.core.errors.PrometheusQueryException.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.jenkins.plugins.grayrelease.core.errors.PrometheusQueryException;

/**
 * Reads the Prometheus API envelope ({@code {"status":…,"data":{"resultType":…,"result":…}}})
 * into samples. Kept apart from the HTTP code so the format rules sit in one place.
 */
final class PrometheusResponseReader {
    private final ObjectMapper json;

    PrometheusResponseReader(ObjectMapper json) {
        this.json = json;
    }

    /** The {@code data} node of a successful answer, or the matching exception. */
    JsonNode data(int status, String body, String promql, PrometheusEndpoint endpoint) {
        JsonNode root = parse(body);
        // Prometheus' own error text only from a Prometheus error envelope; any other answer is never quoted,
        // because the url may point at a service whose answer the person reading the log must not see.
        String apiError = root != null && "error".equals(root.path("status").asText()) && root.hasNonNull("errorType")
                ? root.path("error").asText(null) : null;
        if (status >= 300 && status < 400) {
            throw fail(Reason.BAD_RESPONSE, promql, endpoint, "HTTP " + status + ", a redirect, which is never followed"
                    + "; give the Prometheus server's own address");
        }
        if (status == 401 || status == 403) {
            throw fail(Reason.UNAUTHORIZED, promql, endpoint, "HTTP " + status
                    + "; check the bearer token and its permissions");
        }
        if (status == 400 || status == 422) {
            throw fail(Reason.REJECTED, promql, endpoint, "the server rejected the query: "
                    + (apiError == null ? "HTTP " + status : apiError) + "; fix the PromQL");
        }
        if (status != 200 || root == null || !"success".equals(root.path("status").asText())) {
            throw fail(Reason.BAD_RESPONSE, promql, endpoint, "HTTP " + status
                    + (apiError == null ? ", not a Prometheus API answer (" + length(body) + " characters, not shown)" : ": " + apiError)
                    + "; check that the url points at the Prometheus server itself");
        }
        return root.path("data");
    }

    List<Sample> instantResult(JsonNode data, String promql, PrometheusEndpoint endpoint) {
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        List<Sample> samples = new ArrayList<>();
        switch (type) {
            case "vector" -> result.forEach(item -> samples.add(sample(labels(item), item.path("value"))));
            case "scalar" -> samples.add(sample(Map.of(), result));
            default -> throw fail(Reason.BAD_RESPONSE, promql, endpoint, "result type '" + type
                    + "' is not a number per series; an instant query must return a vector or a scalar"
                    + " (drop the range selector [..] at the outside of the query)");
        }
        return samples;
    }

    List<Series> rangeResult(JsonNode data, String promql, PrometheusEndpoint endpoint) {
        String type = data.path("resultType").asText();
        if (!"matrix".equals(type)) {
            throw fail(Reason.BAD_RESPONSE, promql, endpoint, "range query answered with result type '"
                    + type + "' instead of matrix");
        }
        List<Series> series = new ArrayList<>();
        for (JsonNode item : data.path("result")) {
            Map<String, String> labels = labels(item);
            List<Sample> points = new ArrayList<>();
            item.path("values").forEach(point -> points.add(sample(labels, point)));
            series.add(new Series(labels, points));
        }
        return series;
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Map<String, String> labels(JsonNode item) {
        Map<String, String> labels = new LinkedHashMap<>();
        item.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** Prometheus encodes a point as {@code [unixSeconds, "value"]}; the value may be "NaN" or "+Inf". */
    private static Sample sample(Map<String, String> labels, JsonNode point) {
        long millis = Math.round(point.path(0).asDouble() * 1000);
        return new Sample(labels, Instant.ofEpochMilli(millis), parseValue(point.path(1).asText()));
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static PrometheusQueryException fail(Reason reason, String promql, PrometheusEndpoint endpoint,
            String what) {
        return new PrometheusQueryException(reason, promql,
                "Prometheus " + endpoint + ": query `" + promql + "`: " + what, null);
    }

    private static int length(String body) {
        return body == null ? 0 : body.length();
    }
}
