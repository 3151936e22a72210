package io.jenkins.plugins.grayrelease.core.it.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import io.jenkins.plugins.grayrelease.core.it.SampleRelease;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One sample application in the mesh (namespace, objects, its proxyless gRPC client), the engine
 * pointed at its v1 → v2 release, and the counting the tests assert on.
 */
public final class MeshApp implements AutoCloseable {

    public static final Map<String, String> NO_HEADERS = Map.of();
    public static final String STABLE = "v1";
    public static final String CANARY = "v2";
    /** Calls per counted case: the 99.9 % bound is at most ±3.0 points (at 50 %). */
    public static final int CALLS = 3000;
    /** Calls per window while waiting for a change to arrive: the resolution of propagation times. */
    public static final int WINDOW = 50;
    /**
     * Windows in a row that must show the new split: one lucky window cannot pass for the change
     * having arrived, nor can a client that briefly still routes by the old weights.
     */
    static final int RUN = 3;
    static final Duration PROPAGATION_TIMEOUT = Duration.ofSeconds(30);

    private final RealApiServer server;
    private final String namespace;
    private final XdsClient xds;
    private final GrayRelease engine;

    MeshApp(RealApiServer server, String namespace, XdsClient xds) {
        this.server = server;
        this.namespace = namespace;
        this.xds = xds;
        this.engine = new GrayRelease(server.client(), SampleRelease.ACTOR);
    }

    public String namespace() {
        return namespace;
    }

    public GrayRelease engine() {
        return engine;
    }

    /**
     * The release of the default managed route ({@code primary}). Its backends are two loopback gRPC
     * servers behind hand-written Pods and an EndpointSlice, not Deployments: the engine cannot see
     * them, which is what the readiness gate's opt-out is for.
     */
    public ReleaseTarget target() {
        return ReleaseTarget.builder(namespace, XdsMesh.SERVICE).stableSubset(STABLE).canarySubset(CANARY).readinessGate(false).build();
    }

    /** The release of another route of the same VirtualService. */
    public ReleaseTarget target(String route) {
        return target().toBuilder().route(route).build();
    }

    public XdsClient client() {
        return xds;
    }

    /**
     * Calls in windows of {@value #WINDOW} until {@value #RUN} windows in a row without failures
     * show the canary share {@code to}, told apart from the previous share {@code from} (exactly 0
     * or 100 at the ends; otherwise the new side of the midpoint); fails after
     * {@link #PROPAGATION_TIMEOUT}. Returns the time from this call to the end of the first window
     * of that run.
     */
    public Duration awaitCanaryShare(Map<String, String> headers, int from, int to) {
        double low;
        double high;
        if (to == 0 || to == 100) {
            low = to;
            high = to;
        } else if (to > from) {
            low = (from + to) / 2.0;
            high = 100;
        } else {
            low = 0;
            high = (from + to) / 2.0;
        }
        XdsClient.Await await = xds.await(WINDOW, RUN, CANARY, low, high, PROPAGATION_TIMEOUT.toMillis(), headers);
        if (!await.matched()) {
            throw new AssertionError(String.format(Locale.ROOT,
                    "calls with %s did not reach a canary share of %d %% (window within [%.1f, %.1f]) in %d s; last window: %s;"
                            + " the client's log:%n%s", headers, to, low, high, PROPAGATION_TIMEOUT.toSeconds(), await.last(), xds.log()));
        }
        return await.firstMatch();
    }

    /**
     * Counts {@value #CALLS} calls with {@code headers} and asserts none failed and the canary's
     * share is {@code expected} % within the 99.9 % binomial bound (exactly, at 0 and 100).
     */
    public Split assertCanaryShare(String what, Map<String, String> headers, int expected) {
        // In ten batches, so that a failure shows whether the split drifted during the count.
        Split split = Split.NONE;
        StringJoiner batches = new StringJoiner(", ", "canary % per batch of " + CALLS / 10 + ": ", "");
        for (int i = 0; i < 10; i++) {
            Split batch = xds.call(CALLS / 10, headers);
            batches.add(String.format(Locale.ROOT, "%.1f", batch.percent(CANARY)));
            split = split.plus(batch);
        }
        double bound = Split.bound(expected, CALLS);
        System.out.printf(Locale.ROOT, "xds: %-55s canary %6.2f %% of %d calls (expected %d %% ± %.2f) %s%n",
                what, split.percent(CANARY), split.total(), expected, bound, split);
        assertThat(split.errors()).as("failed calls (%s): %s", what, split).isZero();
        assertThat(split.percent(CANARY)).as("canary share in percent (%s): %s; %s", what, split, batches)
                .isBetween(expected - bound, expected + bound);
        return split;
    }

    /** The client connected to loopback backends only, and its dialer never had to refuse an address. */
    public void assertDialedOnlyLoopbackAndRefusedNothing() {
        XdsClient.Dials dials = xds.dials();
        assertThat(dials.refused()).as("addresses the dialer refused").isEmpty();
        assertThat(dials.dialed()).as("addresses the dialer connected to").isNotEmpty();
        assertThat(dials.dialed().keySet()).allMatch(address -> address.startsWith("127.0.0.1:"), "on 127.0.0.1");
    }

    public RealApiServer server() {
        return server;
    }

    @Override
    public void close() {
        try {
            xds.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the xDS client of " + namespace, e);
        }
    }
}
