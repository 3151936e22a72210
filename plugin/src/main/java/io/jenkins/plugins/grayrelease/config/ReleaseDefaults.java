package io.jenkins.plugins.grayrelease.config;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The defaults that apply to one job: for each value, the nearest enclosing folder that sets it
 * wins, then the global configuration. Values are taken one by one, so a folder that only names
 * its own cluster credential still gets the Prometheus address from Jenkins. This is the one
 * place where the layers are combined; the steps only ask {@link #forItem}.
 *
 * <p>A snapshot: it does not follow later configuration changes.
 */
public final class ReleaseDefaults {

    private final String credentialsId;
    private final String serverUrl;
    private final String context;
    private final String prometheusUrl;
    private final String prometheusCredentialsId;
    private final String approvers;

    private ReleaseDefaults(List<? extends ReleaseDefaultsSource> nearestFirst) {
        this.credentialsId = first(nearestFirst, ReleaseDefaultsSource::getCredentialsId);
        this.serverUrl = first(nearestFirst, ReleaseDefaultsSource::getServerUrl);
        this.context = first(nearestFirst, ReleaseDefaultsSource::getContext);
        this.prometheusUrl = first(nearestFirst, ReleaseDefaultsSource::getPrometheusUrl);
        this.prometheusCredentialsId = first(nearestFirst, ReleaseDefaultsSource::getPrometheusCredentialsId);
        this.approvers = first(nearestFirst, ReleaseDefaultsSource::getApprovers);
    }

    /**
     * The defaults for {@code item} (a job, typically {@code run.getParent()}): its enclosing
     * folders from the nearest out, then the global configuration. When {@code item} is itself a
     * folder its own property counts first. Null: the global configuration alone.
     */
    public static ReleaseDefaults forItem(@CheckForNull Item item) {
        List<ReleaseDefaultsSource> layers = new ArrayList<>();
        Object level = item;
        while (level != null) {
            if (level instanceof AbstractFolder<?> folder) {
                GrayReleaseFolderProperty p = folder.getProperties().get(GrayReleaseFolderProperty.class);
                if (p != null) {
                    layers.add(p);
                }
            }
            level = level instanceof Item i ? i.getParent() : null;
        }
        layers.add(GrayReleaseGlobalConfiguration.get());
        return new ReleaseDefaults(layers);
    }

    private static String first(List<? extends ReleaseDefaultsSource> layers, Function<ReleaseDefaultsSource, String> field) {
        for (ReleaseDefaultsSource layer : layers) {
            String v = field.apply(layer);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    /** True when any of credentialsId, serverUrl and context is set, so the defaults name a cluster. */
    public boolean namesCluster() {
        return credentialsId != null || serverUrl != null || context != null;
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @CheckForNull
    public String getServerUrl() {
        return serverUrl;
    }

    @CheckForNull
    public String getContext() {
        return context;
    }

    @CheckForNull
    public String getPrometheusUrl() {
        return prometheusUrl;
    }

    @CheckForNull
    public String getPrometheusCredentialsId() {
        return prometheusCredentialsId;
    }

    /** Comma-separated user ids or group names, as the approval step's {@code submitter} takes them. */
    @CheckForNull
    public String getApprovers() {
        return approvers;
    }

    @Override
    public String toString() {
        // Ids and addresses only; no secret is held here.
        return "ReleaseDefaults[credentialsId=" + credentialsId + ", serverUrl=" + serverUrl + ", context=" + context
                + ", prometheusUrl=" + prometheusUrl + ", prometheusCredentialsId=" + prometheusCredentialsId
                + ", approvers=" + approvers + "]";
    }
}
