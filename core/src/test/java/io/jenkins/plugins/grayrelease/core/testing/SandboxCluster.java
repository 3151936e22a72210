package io.jenkins.plugins.grayrelease.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.RetryPolicy;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import io.jenkins.plugins.grayrelease.sandbox.SandboxObjects;
import io.jenkins.plugins.grayrelease.sandbox.SandboxServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The sandbox API server ({@link SandboxServer}) with a {@link FaultInjector} in front and the
 * sample application's variants ({@link Variant}) loaded on request. Use it with try-with-resources,
 * or as a test's field that JUnit closes after each test:
 * <pre>{@code @RegisterExtension
 * final SandboxCluster cluster = SandboxCluster.withSampleApp();}</pre>
 * (an instance field, not a static one: it is started with the test instance and closed after its test).
 */
public final class SandboxCluster implements AutoCloseable, AfterEachCallback {

    private final SandboxServer server;
    private FaultInjector faults;
    private final KubernetesClient client;
    private KubernetesClient impatientClient;
    private boolean closed;

    private SandboxCluster() {
        server = SandboxServer.start(apiServer -> faults = new FaultInjector(apiServer));
        // No retries inside the HTTP client: injected faults must reach the engine, which retries itself.
        client = server.newClient(config -> config.withNamespace(Variant.SUBSETS.namespace()).withRequestRetryBackoffLimit(0));
    }

    public static SandboxCluster start() {
        return new SandboxCluster();
    }

    /** A sandbox holding the sample application's {@link Variant#SUBSETS} and {@link Variant#TWO_HOSTS}. */
    public static SandboxCluster withSampleApp() {
        SandboxCluster cluster = start();
        Variant.SUBSETS.install(cluster.client);
        Variant.TWO_HOSTS.install(cluster.client);
        return cluster;
    }

    /**
     * A sandbox holding only the VirtualService of {@link Variant#SUBSETS} and a DestinationRule with these subsets
     * (each with the {@code version} label of its name), e.g. one subset per canary behaviour of a test, the
     * Service {@code reviews} and a rolled-out Deployment {@code reviews-<subset>} per subset.
     */
    public static SandboxCluster withSubsets(String... subsets) {
        SandboxCluster cluster = start().load(Variant.SUBSETS.destinationRule(subsets)).load(Variant.SUBSETS.yaml("VirtualService"))
                .load(Variant.SUBSETS.yaml("Service"));
        for (String subset : subsets) {
            cluster.withWorkload(subset);
        }
        return cluster;
    }

    /** Creates every object of a multi-document YAML (in the namespace each names, else {@code shop}). */
    public SandboxCluster load(String yaml) {
        for (ObjectNode doc : Yaml.documents(yaml)) {
            String ns = doc.path("metadata").path("namespace").asText(Variant.SUBSETS.namespace());
            SandboxObjects.create(client, ns, doc.toString());
        }
        return this;
    }

    /**
     * Adds a rolled-out Deployment {@code reviews-<version>} (2 replicas, pods {@code app: reviews, version: <version>}) to
     * namespace {@code shop}: the workload a canary subset {@code <version>} sends to, so the readiness gate lets traffic reach it.
     */
    public SandboxCluster withWorkload(String version) {
        SandboxObjects.create(client, Variant.SUBSETS.namespace(), List.of(
                Workloads.deployment(Variant.SUBSETS.namespace(), "reviews-" + version, Map.of("app", "reviews", "version", version), 2)));
        return this;
    }

    public KubernetesClient client() {
        return client;
    }

    public FaultInjector faults() {
        return faults;
    }

    /**
     * Whether the server answers {@code dryRun=All} as a real API server does (it does unless
     * told otherwise); false makes it the plain mock server, which stores a dry-run JSON Patch
     * and refuses a dry-run server-side apply.
     */
    public void honourDryRun(boolean honour) {
        server.apiServer().honourDryRun(honour);
    }

    /**
     * Whether a written Deployment is reported rolled out at once (true from the start); false
     * leaves its status as written, for a test that plays the controller and the kubelet itself
     * (pods that never get ready, a deadline exceeded).
     */
    public void simulateRollouts(boolean simulate) {
        server.apiServer().simulateRollouts(simulate);
    }

    /** An engine on this sandbox with quick retries; its dry runs are validated by the sandbox. */
    public GrayRelease engine() {
        return engine(new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(10)));
    }

    /** An engine on this sandbox acting as {@code actor}, with the engine's own retry policy. */
    public GrayRelease engine(Actor actor) {
        return new GrayRelease(client, actor);
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
            impatientClient = server.newClient(config -> config.withNamespace(Variant.SUBSETS.namespace())
                    .withRequestRetryBackoffLimit(0).withRequestTimeout((int) timeout.toMillis()));
        }
        return new GrayRelease(impatientClient, new Actor("alice", "https://ci.example.org/job/shop/42/"), retry);
    }

    public ObjectNode virtualService(String name) {
        return new IstioResources(client).get(IstioResources.VIRTUAL_SERVICE, Variant.SUBSETS.namespace(), name);
    }

    /** The sample VirtualService, {@code reviews}. */
    public ObjectNode virtualService() {
        return virtualService(Variant.SUBSETS.service());
    }

    public ObjectNode destinationRule(String name) {
        return new IstioResources(client).get(IstioResources.DESTINATION_RULE, Variant.SUBSETS.namespace(), name);
    }

    /** Percentage of the sample's managed route ({@code primary}) going to {@code subset}, as stored. */
    public int share(String subset) {
        JsonNode route = Yaml.route(virtualService(), "primary").path("route");
        int total = 0;
        for (JsonNode destination : route) {
            if (subset.equals(destination.path("destination").path("subset").asText())) {
                total += destination.has("weight") ? destination.path("weight").asInt() : (route.size() == 1 ? 100 : 0);
            }
        }
        return total;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (impatientClient != null) {
            impatientClient.close();
        }
        client.close();
        server.close();
    }
}
