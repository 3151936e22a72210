package io.jenkins.plugins.grayrelease.core.analysis;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach a Prometheus server.
 *
 * @param url base URL of the server, such as the in-cluster Prometheus service's URL
 * @param timeout limit for connecting and for each query
 * @param bearerToken sent as {@code Authorization: Bearer …} when present; never printed
 */
public record PrometheusEndpoint(URI url, Duration timeout, Optional<String> bearerToken) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public PrometheusEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(bearerToken, "bearerToken");
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw new IllegalArgumentException("Prometheus url '" + url + "' must start with http:// or https://");
        }
        if (url.getRawUserInfo() != null) {
            // It would be printed with the address, and sent to wherever the address leads.
            throw new IllegalArgumentException("Prometheus url must not carry a user name or password (user:password@);"
                    + " give the address alone and the token through bearerTokenEnv or a credential");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Prometheus timeout must be positive, got " + timeout);
        }
    }

    public static PrometheusEndpoint of(String url) {
        return new PrometheusEndpoint(URI.create(url), DEFAULT_TIMEOUT, Optional.empty());
    }

    public PrometheusEndpoint withTimeout(Duration newTimeout) {
        return new PrometheusEndpoint(url, newTimeout, bearerToken);
    }

    public PrometheusEndpoint withBearerToken(String token) {
        return new PrometheusEndpoint(url, timeout, Optional.of(token));
    }

    /** Keeps the token out of logs and exception messages. */
    @Override
    public String toString() {
        return url + (bearerToken.isPresent() ? " (bearer token set)" : "");
    }
}
