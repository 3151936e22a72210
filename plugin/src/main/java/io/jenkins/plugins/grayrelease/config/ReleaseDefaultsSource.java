package io.jenkins.plugins.grayrelease.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * One layer of defaults: Jenkins' global configuration or a folder's property. Each value is
 * null when this layer leaves it to the next one out.
 */
interface ReleaseDefaultsSource {

    /** A Secret file (kubeconfig) or Secret text (token) credential for the cluster. */
    @CheckForNull
    String getCredentialsId();

    /** The Kubernetes API server's address. */
    @CheckForNull
    String getServerUrl();

    /** The kubeconfig context. */
    @CheckForNull
    String getContext();

    /** The Prometheus server's address for metric analysis. */
    @CheckForNull
    String getPrometheusUrl();

    /** A Secret text credential holding Prometheus' bearer token. */
    @CheckForNull
    String getPrometheusCredentialsId();

    /** Comma-separated user ids or group names who answer approvals that name no submitter. */
    @CheckForNull
    String getApprovers();
}
