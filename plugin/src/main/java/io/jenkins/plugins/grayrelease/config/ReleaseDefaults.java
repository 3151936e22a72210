package io.jenkins.plugins.grayrelease.config;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The defaults that apply to one job, in three groups taken each as a whole from the nearest
 * layer (enclosing folder, then the global configuration) that sets any value of it: the cluster
 * (credential, server URL, context), Prometheus (URL, credential) and the approvers. A group is
 * never assembled from two layers: a folder's server URL with Jenkins' token would send that
 * token to the folder's server. So a folder that names only its own cluster credential still
 * gets the Prometheus address from Jenkins, but not Jenkins' context. This is the one place
 * where the layers are combined; the steps only ask {@link #forItem}.
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
        ReleaseDefaultsSource cluster = nearestSetting(nearestFirst, ReleaseDefaultsSource::getCredentialsId,
                ReleaseDefaultsSource::getServerUrl, ReleaseDefaultsSource::getContext);
        this.credentialsId = value(cluster, ReleaseDefaultsSource::getCredentialsId);
        this.serverUrl = value(cluster, ReleaseDefaultsSource::getServerUrl);
        this.context = value(cluster, ReleaseDefaultsSource::getContext);
        ReleaseDefaultsSource prometheus = nearestSetting(nearestFirst, ReleaseDefaultsSource::getPrometheusUrl,
                ReleaseDefaultsSource::getPrometheusCredentialsId);
        this.prometheusUrl = value(prometheus, ReleaseDefaultsSource::getPrometheusUrl);
        this.prometheusCredentialsId = value(prometheus, ReleaseDefaultsSource::getPrometheusCredentialsId);
        this.approvers = value(nearestSetting(nearestFirst, ReleaseDefaultsSource::getApprovers), ReleaseDefaultsSource::getApprovers);
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

    /** The nearest layer that sets any of {@code group}'s fields, or null. */
    @SafeVarargs
    @CheckForNull
    private static ReleaseDefaultsSource nearestSetting(List<? extends ReleaseDefaultsSource> layers,
            Function<ReleaseDefaultsSource, String>... group) {
        for (ReleaseDefaultsSource layer : layers) {
            for (Function<ReleaseDefaultsSource, String> field : group) {
                if (value(layer, field) != null) {
                    return layer;
                }
            }
        }
        return null;
    }

    @CheckForNull
    private static String value(@CheckForNull ReleaseDefaultsSource layer, Function<ReleaseDefaultsSource, String> field) {
        String v = layer == null ? null : field.apply(layer);
        return v == null || v.isBlank() ? null : v.trim();
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
