package io.jenkins.plugins.grayrelease.cli;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.ClusterAccess;
import io.jenkins.plugins.grayrelease.core.ClusterConnector;
import io.jenkins.plugins.grayrelease.core.GrayRelease;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import java.util.stream.Collectors;

/**
 * One command's connection: the client built from the global options (through the engine's
 * {@link ClusterConnector}, so grayctl and Jenkins resolve kubeconfigs the same way), the engine
 * acting as the local user, and the namespace to work in.
 */
public final class ClusterSession implements AutoCloseable {

    static final String ORIGIN = "grayctl";

    private final KubernetesClient client;
    private final GrayRelease engine;
    private final String namespace;

    private ClusterSession(KubernetesClient client, String namespace) {
        this.client = client;
        this.engine = new GrayRelease(client, Actor.currentUser(ORIGIN));
        this.namespace = namespace;
    }

    /** Nothing is contacted yet; a bad kubeconfig path fails here as invalid input. */
    public static ClusterSession open(RootCommand root) {
        ClusterAccess access = new ClusterAccess(null, root.kubeconfig, root.context, null, null, root.namespace);
        Config config = ClusterConnector.config(access);
        requireContext(root.context, config);
        // The engine re-reads, re-plans and retries failed writes itself, within a bound; fabric8's
        // own retries (10, backing off up to ~50 s each) underneath it turned one HTTP 500 into minutes of waiting.
        config.setRequestRetryBackoffLimit(0);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        String namespace = client.getNamespace();
        return new ClusterSession(client, namespace == null || namespace.isBlank() ? "default" : namespace);
    }

    /**
     * fabric8 quietly falls back to the current context when the named one does not exist; for
     * a release tool that would mean acting on whatever cluster happens to be current.
     */
    private static void requireContext(String wanted, Config config) {
        if (wanted == null || wanted.isBlank()) {
            return;
        }
        NamedContext current = config.getCurrentContext();
        if (current == null || !wanted.equals(current.getName())) {
            String existing = config.getContexts() == null ? "" : config.getContexts().stream().map(NamedContext::getName)
                    .sorted().collect(Collectors.joining(", "));
            throw new InvalidReleaseException(null, "context", "the kubeconfig has no context named '" + wanted + "'"
                    + (existing.isEmpty() ? "" : "; its contexts: " + existing),
                    "Pick one of its contexts with --context, or leave --context out for the current one");
        }
    }

    public KubernetesClient client() {
        return client;
    }

    public GrayRelease engine() {
        return engine;
    }

    public String namespace() {
        return namespace;
    }

    /** The API server's URL, for messages. */
    public String serverUrl() {
        return client.getConfiguration().getMasterUrl();
    }

    @Override
    public void close() {
        client.close();
    }
}
