package io.jenkins.plugins.grayrelease.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.grayrelease.core.errors.PrometheusQueryException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import io.jenkins.plugins.grayrelease.core.errors.PrometheusQueryException;
import io.jenkins.plugins.grayrelease.core.support.Durations;

/**
 * Client for the Prometheus HTTP API ({@code /api/v1/query} and {@code /api/v1/query_range}).
 * Queries are sent as form-encoded POST bodies so long PromQL never hits URL length limits.
 * Every failure becomes a {@link PrometheusQueryException} naming the query and the server.
 */
public final class PrometheusClient {
    private final PrometheusEndpoint endpoint;
    private final HttpClient http;
    private final PrometheusResponseReader reader = new PrometheusResponseReader(new ObjectMapper());

    public PrometheusClient(PrometheusEndpoint endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder()
                .connectTimeout(endpoint.timeout())
                // Never: a redirect could carry the token to another host, or read back an address the plan may not name.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public PrometheusEndpoint endpoint() {
        return endpoint;
    }

    /** Evaluates {@code promql} at {@code time}; an empty list means "no data". */
    public List<Sample> instantQuery(String promql, Instant time) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", promql);
        form.put("time", seconds(time));
        JsonNode data = post("/api/v1/query", form, promql);
        return reader.instantResult(data, promql, endpoint);
    }

    /** Evaluates {@code promql} over {@code [start, end]} every {@code step}. */
    public List<Series> rangeQuery(String promql, Instant start, Instant end, Duration step) {
        if (!end.isAfter(start) || step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("range query needs start < end and a positive step; got "
                    + start + " .. " + end + " step " + step);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", promql);
        form.put("start", seconds(start));
        form.put("end", seconds(end));
        form.put("step", seconds(step));
        JsonNode data = post("/api/v1/query_range", form, promql);
        return reader.rangeResult(data, promql, endpoint);
    }

    private JsonNode post(String path, Map<String, String> form, String promql) {
        URI uri = URI.create(stripTrailingSlash(endpoint.url().toString()) + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(endpoint.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        endpoint.bearerToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw failure(Reason.TIMEOUT, promql, "no answer within " + Durations.format(endpoint.timeout())
                    + "; raise the Prometheus timeout or simplify the query", e);
        } catch (ConnectException e) {
            throw failure(Reason.UNREACHABLE, promql, "cannot connect; check the Prometheus url and that the"
                    + " server is running", e);
        } catch (IOException e) {
            throw failure(Reason.UNREACHABLE, promql, "request failed (" + e + "); check the Prometheus url", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(Reason.INTERRUPTED, promql, "interrupted while waiting for the answer", e);
        }
        return reader.data(response.statusCode(), response.body(), promql, endpoint);
    }

    private PrometheusQueryException failure(Reason reason, String promql, String what, Throwable cause) {
        return new PrometheusQueryException(reason, promql,
                "Prometheus " + endpoint + ": query `" + promql + "`: " + what, cause);
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String seconds(Instant time) {
        return String.format(java.util.Locale.ROOT, "%.3f", time.toEpochMilli() / 1000.0);
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
