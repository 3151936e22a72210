package io.jenkins.plugins.grayrelease.sandbox;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An API server inside this process: fabric8's mock server in CRUD mode, which stores whatever
 * is written and serves it back, on 127.0.0.1 and a free port, with the {@link ApiServerDispatcher}
 * answering guarded patches and dry runs as a real API server does. Close it when done.
 */
public final class SandboxServer implements AutoCloseable {

    // The mock server logs every request at INFO through java.util.logging. Held in a field
    // because JUL keeps loggers only weakly, and a collected logger forgets its level.
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final ApiServerDispatcher apiServer;
    private final boolean tls;

    private SandboxServer(ApiServerDispatcher apiServer, Dispatcher front, boolean tls) {
        this.apiServer = apiServer;
        this.tls = tls;
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), front, tls);
        server.init(InetAddress.getLoopbackAddress(), 0);
    }

    /** An empty sandbox. */
    public static SandboxServer start() {
        ApiServerDispatcher apiServer = new ApiServerDispatcher();
        return new SandboxServer(apiServer, apiServer, false);
    }

    /**
     * An empty sandbox served over HTTPS, with a certificate the mock server makes up (clients skip
     * verifying it: {@link SandboxKubeconfig} says so for an https URL). For grayctl's class-data
     * training, so that the TLS classes a real cluster needs are in the archive too.
     */
    public static SandboxServer startWithTls() {
        ApiServerDispatcher apiServer = new ApiServerDispatcher();
        return new SandboxServer(apiServer, apiServer, true);
    }

    /**
     * An empty sandbox whose requests first reach {@code front}, which hands them on to the API
     * server it is given (a test's fault injector, for example).
     */
    public static SandboxServer start(Function<ApiServerDispatcher, Dispatcher> front) {
        ApiServerDispatcher apiServer = new ApiServerDispatcher();
        return new SandboxServer(apiServer, front.apply(apiServer), false);
    }

    /** What answers the requests, to change how it treats dry runs. */
    public ApiServerDispatcher apiServer() {
        return apiServer;
    }

    /** The URL clients use, e.g. {@code http://127.0.0.1:41234} ({@code https} with TLS). */
    public String url() {
        return (tls ? "https://" : "http://") + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
    }

    /** A new client of the sandbox, default namespace {@link SampleApplication#NAMESPACE}; the caller closes it. */
    public KubernetesClient newClient() {
        return newClient(config -> { });
    }

    /**
     * A new client of the sandbox with more settings (timeouts, retries); the caller closes it.
     * It is built from {@link #url()} with the loopback address rather than the mock server's own
     * client, which names the host {@code localhost} and so pays for a name lookup that can take seconds.
     */
    public KubernetesClient newClient(Consumer<ConfigBuilder> settings) {
        ConfigBuilder config = new ConfigBuilder(Config.empty()).withMasterUrl(url())
                .withNamespace(SampleApplication.NAMESPACE).withTrustCerts(true);
        settings.accept(config);
        return new KubernetesClientBuilder().withConfig(config.build()).build();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
