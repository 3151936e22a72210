package io.jenkins.plugins.grayrelease.core.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.GrayRelease;
import io.jenkins.plugins.grayrelease.core.RetryPolicy;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;

/**
 * A fabric8 mock API server in CRUD mode on 127.0.0.1 with a {@link FaultInjector} in front.
 * Use it with try-with-resources; {@link #withSampleApp()} loads {@link SampleApp}.
 */
public final class SandboxCluster implements AutoCloseable {

    /** The mock server logs every request at INFO; kept referenced so the level sticks. */
    private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver.MockWebServer");

    private final KubernetesMockServer server;
    private final FaultInjector faults;
    private final KubernetesClient client;
    private KubernetesClient impatientClient;

    private SandboxCluster() {
        faults = new FaultInjector(new ApiServerPatchDispatcher());
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), faults, false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        // No retries inside the HTTP client: injected faults must reach the engine, which retries itself.
        client = server.createClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig());
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    public static SandboxCluster start() {
        return new SandboxCluster();
    }

    /** A sandbox holding {@link SampleApp#subsetLayout()} and {@link SampleApp#TWO_HOST_YAML}. */
    public static SandboxCluster withSampleApp() {
        return start().load(SampleApp.subsetLayout()).load(SampleApp.TWO_HOST_YAML);
    }

    /** Creates every object of a multi-document YAML (in the namespace each names, else {@code shop}). */
    public SandboxCluster load(String yaml) {
        for (ObjectNode doc : Yaml.documents(yaml)) {
            String ns = doc.path("metadata").path("namespace").asText(SampleApp.NAMESPACE);
            SampleApp.install(client, ns, doc.toString());
        }
        return this;
    }

    public KubernetesClient client() {
        return client;
    }

    public FaultInjector faults() {
        return faults;
    }

    /**
     * An engine on this sandbox with quick retries. Server-side dry run stays on (the default):
     * the mock server refuses the engine's server-side apply (415), so every dry run also proves
     * that nothing is stored when the server cannot validate.
     */
    public GrayRelease engine() {
        return engine(new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(10)));
    }

    public GrayRelease engine(RetryPolicy retry) {
        return new GrayRelease(client, new Actor("alice", "https://ci.example.org/job/shop/42/"), retry);
    }

    /**
     * An engine whose client gives up after {@code timeout}, so that injected timeouts are quick.
     * Only for timeout tests: on a busy machine an ordinary request may also run out of time
     * (the engine retries it like any transient fault).
     */
    public GrayRelease impatientEngine(RetryPolicy retry, Duration timeout) {
        if (impatientClient == null) {
            impatientClient = server.createClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0)
                    .withRequestTimeout((int) timeout.toMillis()).endConfig());
        }
        return new GrayRelease(impatientClient, new Actor("alice", "https://ci.example.org/job/shop/42/"), retry);
    }

    public ObjectNode virtualService(String name) {
        return new IstioResources(client).get(IstioResources.VIRTUAL_SERVICE, SampleApp.NAMESPACE, name);
    }

    public ObjectNode destinationRule(String name) {
        return new IstioResources(client).get(IstioResources.DESTINATION_RULE, SampleApp.NAMESPACE, name);
    }

    @Override
    public void close() {
        if (impatientClient != null) {
            impatientClient.close();
        }
        client.close();
        server.destroy();
    }
}
