package io.jenkins.plugins.grayrelease.core.cluster;

/**
 * How to reach a cluster; the first usable way wins: kubeconfig content, kubeconfig file,
 * server URL with a token, the default configuration (KUBECONFIG, ~/.kube/config, in-cluster).
 *
 * @param kubeconfigContent kubeconfig YAML (e.g. from a Jenkins file credential), or null
 * @param kubeconfigFile    path of a kubeconfig file, or null
 * @param context           context name in the kubeconfig, or null for its current context
 * @param serverUrl         API server URL for token access, or null
 * @param token             bearer token for {@code serverUrl}, or null; never logged
 * @param namespace         namespace override, or null for the configuration's namespace
 */
public record ClusterAccess(String kubeconfigContent, String kubeconfigFile, String context,
                            String serverUrl, String token, String namespace) {

    public static ClusterAccess defaults() {
        return new ClusterAccess(null, null, null, null, null, null);
    }

    @Override
    public String toString() {
        // The token and kubeconfig may hold secrets: never print them.
        return "ClusterAccess{kubeconfigFile=" + kubeconfigFile + ", context=" + context + ", serverUrl=" + serverUrl
                + ", token=" + (token == null ? "none" : "****") + ", kubeconfigContent="
                + (kubeconfigContent == null ? "none" : "****") + ", namespace=" + namespace + "}";
    }
}
