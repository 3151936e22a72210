package io.jenkins.plugins.grayrelease;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.testing.FaultInjector;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.cluster.RouteResources;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import io.jenkins.plugins.grayrelease.sandbox.SandboxServer;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The sandbox API server ({@link SandboxServer}) holding the sample application's
 * {@link Variant#SUBSETS} — {@code shop/reviews} with subsets v1 and v2 and a VirtualService whose
 * managed route {@code primary} sends everything to v1 — and its {@link Variant#HTTP_ROUTE} (two
 * Services) for Gateway API releases; with what the pipeline tests read back from it.
 *
 * <p>A test class gets one as a JUnit 5 extension, started before each test and stopped after it:
 * <pre>{@code @RegisterExtension final MockCluster cluster = MockCluster.sampleApp();}</pre>
 * As a {@code static} field it is started once for the class and outlives Jenkins restarts
 * (what a {@code JenkinsSessionExtension} test needs: the real cluster does not restart with Jenkins).
 */
final class MockCluster implements AutoCloseable, BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private SandboxServer server;
    private boolean withFaults;
    private FaultInjector faults;
    /** Started for the whole class (a static field): the tests' own callbacks leave it running. */
    private boolean forTheClass;

    private MockCluster() {
    }

    /** A cluster that starts when the test (or, as a static field, the class) starts: for {@code @RegisterExtension}. */
    static MockCluster sampleApp() {
        return new MockCluster();
    }

    /** A cluster started now; the caller closes it. */
    static MockCluster startWithSampleApp() {
        MockCluster cluster = new MockCluster();
        cluster.start();
        return cluster;
    }

    /** Like {@link #sampleApp()}, with a {@link FaultInjector} in front of the API server ({@link #faults()}). */
    static MockCluster sampleAppWithFaults() {
        MockCluster cluster = new MockCluster();
        cluster.withFaults = true;
        return cluster;
    }

    /** The faults to inject; only for a cluster made by {@link #sampleAppWithFaults()}. */
    FaultInjector faults() {
        if (faults == null) {
            throw new IllegalStateException("this MockCluster has no fault injector: make it with sampleAppWithFaults()");
        }
        return faults;
    }

    private void start() {
        server = withFaults ? SandboxServer.start(apiServer -> faults = new FaultInjector(apiServer)) : SandboxServer.start();
        try (KubernetesClient client = client()) {
            // The VirtualService last: the mock server's resourceVersion is one counter over all objects,
            // so a test counting stored writes by the VirtualService's resourceVersion starts from it.
            Variant.HTTP_ROUTE.install(client);
            Variant.SUBSETS.install(client);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        forTheClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!forTheClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!forTheClass) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (forTheClass) {
            close();
        }
    }

    /** Whether written Deployments are reported rolled out at once (true from the start; see ApiServerDispatcher). */
    void simulateRollouts(boolean simulate) {
        server.apiServer().simulateRollouts(simulate);
    }

    /** The API server address to give withGrayRelease as serverUrl. */
    String url() {
        return server.url();
    }

    /** A new client of the sandbox in namespace {@code shop}; the caller closes it. */
    KubernetesClient client() {
        return server.newClient(config -> config.withNamespace(Variant.SUBSETS.namespace()));
    }

    /** The HTTPRoute's managed rule {@code main} as stored: Service → weight. */
    Map<String, Integer> mainRuleWeights() {
        try (KubernetesClient client = client()) {
            ObjectNode route = new IstioResources(client).get(RouteResources.of(RouteKind.HTTP_ROUTE), Variant.HTTP_ROUTE.namespace(), "reviews");
            Map<String, Integer> weights = new TreeMap<>();
            for (JsonNode rule : route.path("spec").path("rules")) {
                if ("main".equals(rule.path("name").asText())) {
                    rule.path("backendRefs").forEach(b -> weights.put(b.path("name").asText(), b.path("weight").asInt(1)));
                }
            }
            return weights;
        }
    }

    /** The managed route's split as stored in the VirtualService: subset → weight (a lone destination counts 100). */
    Map<String, Integer> primaryWeights() {
        try (KubernetesClient client = client()) {
            ObjectNode vs = new IstioResources(client).get(IstioResources.VIRTUAL_SERVICE, Variant.SUBSETS.namespace(), Variant.SUBSETS.service());
            Map<String, Integer> weights = new TreeMap<>();
            for (JsonNode http : vs.path("spec").path("http")) {
                if ("primary".equals(http.path("name").asText())) {
                    for (JsonNode route : http.path("route")) {
                        weights.put(route.path("destination").path("subset").asText(),
                                route.has("weight") ? route.path("weight").asInt() : 100);
                    }
                }
            }
            return weights;
        }
    }

    /** How many http routes the VirtualService has (user routes plus any the engine added). */
    int routeCount() {
        try (KubernetesClient client = client()) {
            return new IstioResources(client).get(IstioResources.VIRTUAL_SERVICE, Variant.SUBSETS.namespace(), Variant.SUBSETS.service())
                    .path("spec").path("http").size();
        }
    }

    /** The VirtualService's resourceVersion: it moves once per stored write while nothing else is written. */
    String resourceVersion() {
        try (KubernetesClient client = client()) {
            return new IstioResources(client).get(IstioResources.VIRTUAL_SERVICE, Variant.SUBSETS.namespace(), Variant.SUBSETS.service())
                    .path("metadata").path("resourceVersion").asText();
        }
    }

    /** Who the release state on the VirtualService says made the last change. */
    String lastChangeBy() {
        try (KubernetesClient client = client()) {
            return new GrayRelease(client, new Actor("test", null)).status(SampleTargets.reviews()).lastChange().by();
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
