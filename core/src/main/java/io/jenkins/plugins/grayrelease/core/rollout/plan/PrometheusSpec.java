package io.jenkins.plugins.grayrelease.core.rollout.plan;

import io.jenkins.plugins.grayrelease.core.analysis.PrometheusEndpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code prometheus} section. The token is never written in the plan: {@code bearerTokenEnv}
 * names the environment variable that holds it.
 */
public record PrometheusSpec(String url, String timeout, String bearerTokenEnv) {
    public PrometheusSpec {
        Checks.required(url, "url");
        try {
            URI parsed = new URI(url);
            if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
                throw new FieldProblem("url", "'url' must start with http:// or https://, got '" + url + "'");
            }
            if (parsed.getRawUserInfo() != null) {
                // Never quoted: the user:password part is a secret.
                throw new FieldProblem("url", "'url' must not carry a user name or password (user:password@);"
                        + " give the address alone and the token through bearerTokenEnv");
            }
        } catch (URISyntaxException e) {
            throw new FieldProblem("url", "'url' is not a URL: " + e.getMessage(), e);
        }
        Checks.duration(timeout, "timeout", PrometheusEndpoint.DEFAULT_TIMEOUT);
    }

    /**
     * @throws IllegalStateException when {@code bearerTokenEnv} names a variable that is not set
     */
    public PrometheusEndpoint toEndpoint(Map<String, String> environment) {
        Duration t = Checks.duration(timeout, "timeout", PrometheusEndpoint.DEFAULT_TIMEOUT);
        Optional<String> token = Optional.empty();
        if (bearerTokenEnv != null && !bearerTokenEnv.isBlank()) {
            String value = environment.get(bearerTokenEnv);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("prometheus.bearerTokenEnv: environment variable " + bearerTokenEnv
                        + " is not set; export it with the token, or remove bearerTokenEnv from the plan");
            }
            token = Optional.of(value);
        }
        return new PrometheusEndpoint(URI.create(url), t, token);
    }
}
