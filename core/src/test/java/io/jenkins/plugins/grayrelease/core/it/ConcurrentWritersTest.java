package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.RetryPolicy;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKinds;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * 20 writers, each owning one route of the same VirtualService, each moving its canary weight
 * 1, 2, … 100. Every stored version is watched: a lost update shows as a route's weight going
 * back down (someone wrote a stale copy of it), or as a final weight other than 100. Writes are
 * guarded by their own route and record (JSON Patch {@code test}), so writers of different routes
 * do not conflict: at most 1.05 PATCH attempts per change (4.3 with the whole-object guard).
 */
@ApiServerTest
class ConcurrentWritersTest {

    private static final int WRITERS = 20;
    private static final int CHANGES = 100;
    private static final String HOST = "shop";

    @Test
    void twentyWritersOnRoutesOfOneVirtualServiceLoseNoUpdate(RealApiServer server, IstioValidator istio) throws Exception {
        String namespace = server.createNamespace("concurrent");
        ManyRoutes.install(server.client(), namespace, HOST, WRITERS);
        String created = StoredRoutes.read(server.client(), namespace, HOST).resourceVersion();
        List<StoredRoutes> versions = new CopyOnWriteArrayList<>();
        List<Integer> changesStored;
        RequestCounter.Snapshot used;
        Watch watch = server.client().genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE).inNamespace(namespace).withName(HOST)
                .watch(new ListOptionsBuilder().withResourceVersion(created).build(), collector(server, versions));
        try {
            RequestCounter counter = new RequestCounter();
            changesStored = runWriters(server, namespace, counter);
            used = counter.snapshot();
            String last = StoredRoutes.read(server.client(), namespace, HOST).resourceVersion();
            await().atMost(Duration.ofMinutes(1)).until(() -> !versions.isEmpty()
                    && versions.get(versions.size() - 1).resourceVersion().equals(last));
        } finally {
            watch.close();
        }

        assertThat(changesStored).as("every change reported as stored").containsOnly(CHANGES);
        assertThat((double) used.patches() / (WRITERS * CHANGES)).as("PATCH attempts per change (%d attempts, %d refused by a"
                + " guard, %d conflicts)", used.patches(), used.refused(), used.conflicts()).isLessThanOrEqualTo(1.05);
        assertThat(versions).as("one stored version per change").hasSize(WRITERS * CHANGES);
        StoredRoutes last = versions.get(versions.size() - 1);
        List<String> lost = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String route = ManyRoutes.routeName(w);
            int previous = 0;
            for (StoredRoutes version : versions) {
                int weight = version.weight(route, "v2");
                if (weight < previous) {
                    lost.add(route + " went from " + previous + " back to " + weight + " at resourceVersion " + version.resourceVersion());
                }
                previous = Math.max(previous, weight);
            }
            if (last.weight(route, "v2") != CHANGES || last.weight(route, "v1") != 0) {
                lost.add(route + " ended at v1=" + last.weight(route, "v1") + " v2=" + last.weight(route, "v2"));
            }
        }
        assertThat(lost).as("lost updates").isEmpty();
        IstioValidator.IstioValidation validation = istio.validateStored(namespace);
        assertThat(validation.errors()).as(validation.output()).isEmpty();
    }

    /** Runs the writers to the end; returns how many changes each reported as stored. */
    private static List<Integer> runWriters(RealApiServer server, String namespace, RequestCounter counter) throws Exception {
        long began = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        // Writers of one object now queue inside the API server (it re-applies a JSON Patch to the newest
        // version until its compare-and-swap wins) rather than in client backoff; on a machine shared with other
        // builds one such request can take longer than fabric8's 10 s default, which would count as a server fault.
        Config config = Config.fromKubeconfig(Files.readString(server.kubeconfig()));
        config.setRequestTimeout(60_000);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).withHttpClientBuilderConsumer(
                h -> h.addOrReplaceInterceptor("counter", counter)).build()) {
            // The default retry policy: its jittered backoff and budget are sized for this contention.
            // Conflicts past the budget would be reported (ConflictException), never lost.
            GrayRelease engine = new GrayRelease(client, SampleRelease.ACTOR, RetryPolicy.defaults());
            List<Future<Integer>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                ReleaseTarget target = ReleaseTarget.builder(namespace, HOST).route(ManyRoutes.routeName(w))
                        .stableSubset("v1").canarySubset("v2").build();
                // Each writer in its own session: it plans from the VirtualService it last wrote, which the
                // other writers keep changing; the route-scoped guard lets that through when only other routes changed.
                GrayRelease session = engine.session();
                writers.add(pool.submit(() -> shiftOneByOne(session, target, CHANGES)));
            }
            List<Integer> stored = new ArrayList<>();
            for (Future<Integer> writer : writers) {
                stored.add(writer.get());
            }
            RequestCounter.Snapshot used = counter.snapshot();
            // Printed, not asserted (no timed assertions): the cost of contention, visible in the test log.
            System.out.printf("%d writers x %d changes: %.1f s, %d PATCH attempts (%.3f per change), %d refused guards (422),"
                    + " %d conflicts (409), %d requests%n", WRITERS, CHANGES, (System.nanoTime() - began) / 1e9, used.patches(),
                    (double) used.patches() / (WRITERS * CHANGES), used.refused(), used.conflicts(), used.total());
            return stored;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sets the canary weight to 1, 2, … {@code changes} %, one write each; returns how many the engine reports stored. */
    static int shiftOneByOne(GrayRelease engine, ReleaseTarget target, int changes) {
        int stored = 0;
        for (int weight = 1; weight <= changes; weight++) {
            if (engine.setWeight(target, weight, WriteOptions.defaults()).changed()) {
                stored++;
            }
        }
        return stored;
    }

    private static Watcher<GenericKubernetesResource> collector(RealApiServer server, List<StoredRoutes> versions) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                if (action == Action.MODIFIED) {
                    versions.add(StoredRoutes.of(server.client(), resource));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // The assertions on the number of versions seen report a watch that ended early.
            }
        };
    }
}
