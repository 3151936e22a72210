package io.jenkins.plugins.grayrelease.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.cluster.ClusterAccess;
import io.jenkins.plugins.grayrelease.core.cluster.ClusterConnector;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;

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

    /** Nothing is contacted yet; a bad kubeconfig (path, content, context) fails here as invalid input. */
    public static ClusterSession open(RootCommand root) {
        return open(root, root.context());
    }

    /** A session in kubeconfig context {@code context} (null: the current one), with the other global options. */
    public static ClusterSession open(RootCommand root, String context) {
        ClusterAccess access = ClusterAccess.local(root.kubeconfig, context, root.namespace);
        // The connector refuses an unknown --context and turns off fabric8's own retries.
        KubernetesClient client = ClusterConnector.connect(access, httpClientFactory());
        String namespace = client.getNamespace();
        return new ClusterSession(client, namespace == null || namespace.isBlank() ? "default" : namespace);
    }

    /**
     * The JDK's HTTP client: a command starts in about half the time with it than with vert.x
     * (fabric8's default), which must create an event loop and load Netty first. The system
     * property {@code grayctl.httpClient=vertx} brings vert.x back, for measuring both.
     */
    static HttpClient.Factory httpClientFactory() {
        return "vertx".equals(System.getProperty("grayctl.httpClient")) ? new VertxHttpClientFactory() : new JdkHttpClientFactory();
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
