package io.jenkins.plugins.grayrelease.core.it;

import static io.jenkins.plugins.grayrelease.core.it.HttpRouteRelease.resourceVersion;
import static io.jenkins.plugins.grayrelease.core.it.HttpRouteRelease.weight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.cluster.RouteResources;
import io.jenkins.plugins.grayrelease.core.testing.Yaml;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Writers of one HTTPRoute lose no update: each write is guarded by its own rule and record
 * (JSON Patch {@code test} on {@code /spec/rules/N}), refused when another writer changed them,
 * and then re-read, re-planned and retried.
 */
@ApiServerTest
class HttpRouteConcurrentWritersTest {

    private static final int WRITERS = 8;
    private static final int CHANGES = 30;

    /** The sample with {@link #WRITERS} rules of its own, {@code rule-0} … each for its own path. */
    private static ObjectNode manyRules() {
        ObjectNode route = Variant.HTTP_ROUTE.tree("HTTPRoute");
        ArrayNode rules = (ArrayNode) route.path("spec").path("rules");
        for (int w = 0; w < WRITERS; w++) {
            rules.insert(0, Yaml.node("""
                    name: rule-%1$d
                    matches:
                    - path: {type: PathPrefix, value: /part-%1$d}
                    backendRefs:
                    - {group: "", kind: Service, name: reviews-stable, port: 9080, weight: 1}
                    """.formatted(w)));
        }
        return route;
    }

    @Test
    void writersOfDifferentRulesOfOneHttpRouteLoseNoUpdate(RealApiServer server) throws Exception {
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-concurrent", manyRules());
        List<JsonNode> versions = new CopyOnWriteArrayList<>();
        JsonNode installed = release.stored();
        Watch watch = server.client().genericKubernetesResources(RouteResources.of(RouteKind.HTTP_ROUTE))
                .inNamespace(release.namespace()).withName("reviews")
                .watch(new ListOptionsBuilder().withResourceVersion(resourceVersion(installed)).build(), collector(server, versions, installed));
        List<Integer> stored = new ArrayList<>();
        try {
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<Integer>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    ReleaseTarget target = release.target().toBuilder().route("rule-" + w).build();
                    // Each in its own session: it plans from the route it last wrote, which the others keep changing.
                    GrayRelease session = release.engine().session();
                    writers.add(pool.submit(() -> ConcurrentWritersTest.shiftOneByOne(session, target, CHANGES)));
                }
                for (Future<Integer> writer : writers) {
                    stored.add(writer.get());
                }
            } finally {
                pool.shutdownNow();
            }
            JsonNode last = HttpRouteRelease.written(release.stored());
            await().atMost(Duration.ofMinutes(1)).until(() -> !versions.isEmpty()
                    && HttpRouteRelease.written(versions.get(versions.size() - 1)).equals(last));
        } finally {
            watch.close();
        }

        assertThat(stored).as("every change reported as stored").containsOnly(CHANGES);
        assertThat(versions).as("one stored version per change").hasSize(WRITERS * CHANGES);
        List<String> lost = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String rule = "rule-" + w;
            int previous = 0;
            for (JsonNode version : versions) {
                int canary = Math.max(0, weight(version, rule, "reviews-canary"));
                if (canary < previous) {
                    lost.add(rule + " went from " + previous + " back to " + canary + " at resourceVersion " + resourceVersion(version));
                }
                previous = Math.max(previous, canary);
            }
            JsonNode end = versions.get(versions.size() - 1);
            if (weight(end, rule, "reviews-canary") != CHANGES || weight(end, rule, "reviews-stable") != 100 - CHANGES) {
                lost.add(rule + " ended at stable=" + weight(end, rule, "reviews-stable") + " canary=" + weight(end, rule, "reviews-canary"));
            }
        }
        assertThat(lost).as("lost updates").isEmpty();
        assertThat(HttpRouteRelease.rule(release.stored(), "main")).isEqualTo(HttpRouteRelease.rule(Variant.HTTP_ROUTE.tree("HTTPRoute"), "main"));
    }

    @Test
    void aWriterWithAStaleCopyOfTheManagedRuleIsRefusedAndRetriesOnTheNewOne(RealApiServer server) {
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-stale");
        GrayRelease stale = release.engine().session();
        stale.status(release.target()); // the session now remembers the route before the other write
        release.engine().setWeight(release.target(), 30, WriteOptions.defaults());

        stale.setTesters(release.target(), new TesterRoute(List.of(TesterMatch.header("x-canary", "yes"))), WriteOptions.defaults());

        ObjectNode after = release.stored();
        assertThat(weight(after, "main", "reviews-canary")).as("the other writer's weight survives").isEqualTo(30);
        assertThat(HttpRouteRelease.rule(after, "gray-main-testers").isMissingNode()).isFalse();
        assertThat(release.engine().status(release.target()).drift()).isEmpty();
    }

    private static Watcher<GenericKubernetesResource> collector(RealApiServer server, List<JsonNode> versions, JsonNode installed) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                JsonNode version = server.client().getKubernetesSerialization().convertValue(resource, JsonNode.class);
                // Only the writers' versions: a status written by a Gateway controller (istiod) changes neither.
                JsonNode previous = versions.isEmpty() ? installed : versions.get(versions.size() - 1);
                if (action == Action.MODIFIED && !HttpRouteRelease.written(previous).equals(HttpRouteRelease.written(version))) {
                    versions.add(version);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // The test closes the watch itself; an early close shows as missing versions.
            }
        };
    }
}
