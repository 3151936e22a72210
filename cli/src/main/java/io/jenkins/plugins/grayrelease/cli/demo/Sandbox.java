package io.jenkins.plugins.grayrelease.cli.demo;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An API server inside this process: fabric8's mock server in CRUD mode, which stores whatever
 * is written and serves it back, on a free loopback port; server-side dry runs are answered as a
 * real API server answers them, storing nothing (see {@link DryRunAwareDispatcher}). Istio's kinds
 * are CRDs there, so the
 * dispatcher is told about {@code networking.istio.io/v1} VirtualService and DestinationRule;
 * without that it would not know their plural paths and scopes.
 */
public final class Sandbox implements AutoCloseable {

    private final KubernetesMockServer server;

    // The mock server logs every request at INFO through java.util.logging; the demo shows its own
    // progress instead. Held in a field because JUL keeps loggers only weakly.
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    private Sandbox(KubernetesMockServer server) {
        this.server = server;
    }

    /** Starts an empty sandbox on 127.0.0.1 and a free port. */
    public static Sandbox start() {
        List<CustomResourceDefinitionContext> istioKinds = List.of(
                istioKind(HasMetadata.getKind(VirtualService.class), HasMetadata.getPlural(VirtualService.class)),
                istioKind(HasMetadata.getKind(DestinationRule.class), HasMetadata.getPlural(DestinationRule.class)));
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new DryRunAwareDispatcher(istioKinds), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        return new Sandbox(server);
    }

    private static CustomResourceDefinitionContext istioKind(String kind, String plural) {
        return new CustomResourceDefinitionContext.Builder().withGroup("networking.istio.io").withVersion("v1")
                .withKind(kind).withPlural(plural).withScope("Namespaced").build();
    }

    /** The URL clients use, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
    }

    /**
     * A new client for the sandbox; the caller closes it. It is built from {@link #url()} with
     * the loopback address rather than the mock server's own client, which names the host
     * {@code localhost} and so pays for a name lookup that can take seconds.
     */
    public KubernetesClient newClient() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url()).withNamespace(SampleApplication.NAMESPACE)
                .withTrustCerts(true).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
