package io.jenkins.plugins.grayrelease.rollout;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.grayrelease.cluster.ClusterCredentials;
import io.jenkins.plugins.grayrelease.config.ReleaseDefaults;
import io.jenkins.plugins.grayrelease.core.analysis.PrometheusEndpoint;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PrometheusSpec;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import java.util.Map;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The configured Prometheus (folder or Jenkins-wide) for plans that name none. Its token, from a
 * Secret text credential, is handed to the runner as the endpoint itself and only when the plan's
 * Prometheus address is the configured one: it never travels in an environment variable, so a
 * plan with its own address (and {@code bearerTokenEnv}) cannot have it sent elsewhere.
 */
final class PrometheusDefaults {

    private final PrometheusSpec spec;
    @CheckForNull
    private final String token;

    private PrometheusDefaults(PrometheusSpec spec, @CheckForNull String token) {
        this.spec = spec;
        this.token = token;
    }

    static PrometheusDefaults of(Run<?, ?> run) throws AbortException {
        ReleaseDefaults defaults = ReleaseDefaults.forItem(run.getParent());
        String url = defaults.getPrometheusUrl();
        if (url == null) {
            return new PrometheusDefaults(null, null);
        }
        PrometheusSpec spec;
        try {
            spec = new PrometheusSpec(url, null, null);
        } catch (RuntimeException e) {
            // The spec names what is wrong with the address (and never quotes user:password).
            throw new AbortException(Messages.PrometheusDefaults_badUrl(e.getMessage()));
        }
        String id = defaults.getPrometheusCredentialsId();
        if (id == null) {
            return new PrometheusDefaults(spec, null);
        }
        StringCredentials token = CredentialsProvider.findCredentialById(id, StringCredentials.class, run,
                ClusterCredentials.requirements(url));
        if (token == null) {
            throw new AbortException(Messages.PrometheusDefaults_noCredential(id, run.getParent().getFullName()));
        }
        CredentialsProvider.track(run, token);
        return new PrometheusDefaults(spec, token.getSecret().getPlainText());
    }

    /** The section for a plan without one, or null when nothing is configured. */
    @CheckForNull
    PrometheusSpec spec() {
        return spec;
    }

    /**
     * The configured endpoint with its token, for a plan whose Prometheus is the configured
     * address and names no token of its own; empty otherwise (the plan's own section applies).
     */
    Optional<PrometheusEndpoint> endpointFor(RolloutPlan plan, Map<String, String> environment) {
        PrometheusSpec planned = plan.prometheus();
        if (token == null || planned == null || planned.bearerTokenEnv() != null || !spec.url().equals(planned.url())) {
            return Optional.empty();
        }
        return Optional.of(planned.toEndpoint(environment).withBearerToken(token));
    }
}
