package io.jenkins.plugins.grayrelease.rollout;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.grayrelease.config.ReleaseDefaults;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PrometheusSpec;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The configured Prometheus (folder or Jenkins-wide) for plans that name none. Its token, from a
 * Secret text credential, reaches the engine the way a plan's own token does: through a variable
 * of the runner's environment that the plan section names. That environment lives in memory only.
 */
final class PrometheusDefaults {

    /** The variable the configured token travels in; a plan with its own section never reads it. */
    static final String TOKEN_VARIABLE = "GRAY_RELEASE_CONFIGURED_PROMETHEUS_TOKEN";

    private final PrometheusSpec spec;
    private final Map<String, String> environment;

    private PrometheusDefaults(PrometheusSpec spec, Map<String, String> environment) {
        this.spec = spec;
        this.environment = environment;
    }

    static PrometheusDefaults of(Run<?, ?> run) throws AbortException {
        ReleaseDefaults defaults = ReleaseDefaults.forItem(run.getParent());
        String url = defaults.getPrometheusUrl();
        if (url == null) {
            return new PrometheusDefaults(null, Map.of());
        }
        String id = defaults.getPrometheusCredentialsId();
        if (id == null) {
            return new PrometheusDefaults(new PrometheusSpec(url, null, null), Map.of());
        }
        StringCredentials token = CredentialsProvider.findCredentialById(id, StringCredentials.class, run, List.of());
        if (token == null) {
            throw new AbortException(Messages.PrometheusDefaults_noCredential(id, run.getParent().getFullName()));
        }
        CredentialsProvider.track(run, token);
        return new PrometheusDefaults(new PrometheusSpec(url, null, TOKEN_VARIABLE),
                Map.of(TOKEN_VARIABLE, token.getSecret().getPlainText()));
    }

    /** The section for a plan without one, or null when nothing is configured. */
    @CheckForNull
    PrometheusSpec spec() {
        return spec;
    }

    Map<String, String> environment() {
        return environment;
    }
}
