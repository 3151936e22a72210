package io.jenkins.plugins.grayrelease.core.cluster;

/**
 * How to reach a cluster; the first usable way wins: kubeconfig content, server URL with a
 * token, then (only when {@code localConfiguration}) a kubeconfig file or this process's default
 * configuration (KUBECONFIG, ~/.kube/config, in-cluster service account).
 *
 * <p>Kubeconfig content is always taken as data ({@link KubeconfigData}): no program it names is
 * run, no file it names is read. The local configuration is the person's own (grayctl), with
 * everything fabric8 does with it (exec plugins, certificate files); a server process acting for
 * others (Jenkins) never sets {@code localConfiguration} unless its administrator chose so.
 *
 * @param kubeconfigContent  kubeconfig YAML (e.g. from a Jenkins file credential), or null
 * @param kubeconfigFile     path of a kubeconfig file, or null; needs {@code localConfiguration}
 * @param context            context name in the kubeconfig, or null for its current context
 * @param serverUrl          API server URL for token access, or null
 * @param token              bearer token for {@code serverUrl}, or null; never logged
 * @param namespace          namespace override, or null for the configuration's namespace
 * @param localConfiguration whether this process's own Kubernetes configuration may be used
 */
public record ClusterAccess(String kubeconfigContent, String kubeconfigFile, String context,
                            String serverUrl, String token, String namespace, boolean localConfiguration) {

    /** The user's own configuration, as grayctl uses it: {@code kubeconfigFile} or, when null, the defaults. */
    public static ClusterAccess local(String kubeconfigFile, String context, String namespace) {
        return new ClusterAccess(null, kubeconfigFile, context, null, null, namespace, true);
    }

    /** A kubeconfig held as data (a credential), never this process's own. */
    public static ClusterAccess kubeconfigData(String content, String context, String namespace) {
        return new ClusterAccess(content, null, context, null, null, namespace, false);
    }

    /** A bearer token for one API server. */
    public static ClusterAccess token(String serverUrl, String token, String namespace) {
        return new ClusterAccess(null, null, null, serverUrl, token, namespace, false);
    }

    @Override
    public String toString() {
        // The token and kubeconfig may hold secrets: never print them.
        return "ClusterAccess{kubeconfigFile=" + kubeconfigFile + ", context=" + context + ", serverUrl=" + serverUrl
                + ", token=" + (token == null ? "none" : "****") + ", kubeconfigContent="
                + (kubeconfigContent == null ? "none" : "****") + ", namespace=" + namespace
                + ", localConfiguration=" + localConfiguration + "}";
    }
}
