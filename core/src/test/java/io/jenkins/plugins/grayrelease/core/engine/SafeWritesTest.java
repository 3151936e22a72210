package io.jenkins.plugins.grayrelease.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.RetryPolicy;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.errors.ClusterApiException;
import io.jenkins.plugins.grayrelease.core.errors.ConflictException;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import io.jenkins.plugins.grayrelease.core.testing.FaultInjector.Fault;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import io.jenkins.plugins.grayrelease.core.testing.Yaml;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Conflicts and API faults never lose a change nor leave an invalid VirtualService. */
class SafeWritesTest {

    private static final String VS_PATH = "/virtualservices/reviews";
    private static final String DR_PATH = "/destinationrules/reviews";
    /** Another writer's edit of a route the engine does not own. */
    private static final String OTHER_EDIT = "[{\"op\":\"replace\",\"path\":\"/spec/http/1/retries/attempts\",\"value\":7}]";

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSampleApp().withWorkload("v3");
    /** Gives up after one second: the injected timeouts answer after three. */
    private final GrayRelease engine = cluster.impatientEngine(new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(10)), Duration.ofSeconds(1));
    private final ReleaseTarget target = SampleTargets.reviews();

    @Test
    void staleResourceVersionIsRefusedByTheServer() {
        // The guard itself: a patch carrying an old resourceVersion must be answered 409, never applied.
        ObjectNode before = cluster.virtualService("reviews");
        // Each concurrent edit really changes the object (appends a host), so each bumps the resourceVersion.
        cluster.faults().concurrentEdit("PATCH", VS_PATH, "[{\"op\":\"add\",\"path\":\"/spec/hosts/-\",\"value\":\"reviews.example.org\"}]", 100);

        assertThatThrownBy(() -> engine.setWeight(target, 10, WriteOptions.defaults()))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("shop/VirtualService/reviews: metadata.resourceVersion: changed by someone else during each of 5 attempts");
        ObjectNode after = cluster.virtualService("reviews");
        assertThat(Yaml.route(after, "primary")).isEqualTo(Yaml.route(before, "primary"));
    }

    @Test
    void conflictingConcurrentEditIsRetriedAndBothChangesSurvive() {
        cluster.faults().concurrentEdit("PATCH", VS_PATH, OTHER_EDIT, 1);

        OperationResult result = engine.setWeight(target, 40, WriteOptions.defaults());

        ObjectNode vs = cluster.virtualService("reviews");
        assertThat(Yaml.route(vs, "ratings-api").path("retries").path("attempts").asInt()).isEqualTo(7);
        assertThat(Yaml.route(vs, "primary").path("route").get(1).path("weight").asInt()).isEqualTo(40);
        assertThat(result.status().weights().canary()).isEqualTo(40);
        assertThat(cluster.faults().count("PATCH", VS_PATH)).isEqualTo(2);
    }

    static Stream<Arguments> faultsAtEachWrite() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (Fault fault : Fault.values()) {
            cases.add(Arguments.of("setWeight", fault, VS_PATH, (Function<Ops, OperationResult>) o -> o.engine.setWeight(o.target, 30, WriteOptions.defaults())));
            cases.add(Arguments.of("setTesters", fault, VS_PATH, (Function<Ops, OperationResult>) o -> o.engine.setTesters(o.target,
                    TesterRoute.of(TesterMatch.header("x-canary", "1")), WriteOptions.defaults())));
            cases.add(Arguments.of("setMirror", fault, VS_PATH, (Function<Ops, OperationResult>) o -> o.engine.setMirror(o.target, 20, WriteOptions.defaults())));
            cases.add(Arguments.of("promote", fault, VS_PATH, (Function<Ops, OperationResult>) o -> o.engine.promote(o.target, PromoteOptions.defaults())));
            cases.add(Arguments.of("rollback", fault, VS_PATH, (Function<Ops, OperationResult>) o -> o.engine.rollback(o.target, WriteOptions.defaults())));
            cases.add(Arguments.of("add canary subset", fault, DR_PATH, (Function<Ops, OperationResult>) o -> o.engine.setWeight(
                    ReleaseTarget.builder("shop", "reviews").stableSubset("v1").canarySubset("v3").build(), 30,
                    WriteOptions.defaults().withAddCanarySubset(true))));
        }
        return cases.build();
    }

    record Ops(GrayRelease engine, ReleaseTarget target) {
    }

    @ParameterizedTest(name = "{0} meets {1} once: done")
    @MethodSource("faultsAtEachWrite")
    void oneFaultAtAWriteIsRetriedToCompletion(String op, Fault fault, String path, Function<Ops, OperationResult> operation) {
        startRelease(path);
        cluster.faults().fail("PATCH", path, fault, 1);

        OperationResult result = operation.apply(new Ops(engine, target));

        assertThat(result.changed()).isTrue();
        assertValid(cluster.virtualService("reviews"));
        assertThat(engine.status(ReleaseTarget.builder("shop", "reviews").build()).drift()).isEmpty();
    }

    @ParameterizedTest(name = "{0} meets {1} every time: clean error")
    @MethodSource("faultsAtEachWrite")
    void persistentFaultEndsInACleanErrorAndAValidVirtualService(String op, Fault fault, String path, Function<Ops, OperationResult> operation) {
        startRelease(path);
        cluster.faults().fail("PATCH", path, fault, 100);
        // Three attempts are enough to show the bound and keep the timeout cases short.
        GrayRelease bounded = cluster.impatientEngine(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(10)), Duration.ofSeconds(1));

        try {
            operation.apply(new Ops(bounded, target));
            // A timeout after storing can still end as done: the re-read shows the change in place.
            assertThat(fault).isEqualTo(Fault.TIMEOUT_APPLIED);
        } catch (GrayReleaseException e) {
            assertThat(e).isInstanceOf(ClusterApiException.class);
            assertThat(e.getMessage()).contains("the API server failed on 3 attempts").contains("it is safe to repeat");
            assertThat(e.object().toString()).isIn("shop/VirtualService/reviews", "shop/DestinationRule/reviews");
        }
        cluster.faults().clear();
        assertValid(cluster.virtualService("reviews"));
    }

    @Test
    void transientFaultsWhileReadingAreRetried() {
        cluster.faults().fail("GET", VS_PATH, Fault.HTTP_503, 2);
        assertThat(engine.setWeight(target, 5, WriteOptions.defaults()).status().weights().canary()).isEqualTo(5);
    }

    @Test
    void failedSubsetWriteLeavesTheVirtualServiceUntouched() {
        ObjectNode before = cluster.virtualService("reviews");
        cluster.faults().fail("PATCH", DR_PATH, Fault.HTTP_500, 100);

        assertThatThrownBy(() -> engine.setWeight(ReleaseTarget.builder("shop", "reviews").stableSubset("v1").canarySubset("v3").build(),
                30, WriteOptions.defaults().withAddCanarySubset(true)))
                .isInstanceOf(ClusterApiException.class).hasMessageStartingWith("shop/DestinationRule/reviews: ");
        assertThat(cluster.faults().count("PATCH", VS_PATH)).isZero();
        assertThat(cluster.virtualService("reviews")).isEqualTo(before);
    }

    /** A release of v2 at 10 % is under way, except for the subset case, which starts a release of v3. */
    private void startRelease(String faultPath) {
        if (faultPath.equals(VS_PATH)) {
            engine.setWeight(target, 10, WriteOptions.defaults());
        }
    }

    /** The managed route's weights are integers 0-100 summing to exactly 100, whatever happened. */
    private static void assertValid(ObjectNode vs) {
        JsonNode dests = Yaml.route(vs, "primary").path("route");
        int sum = 0;
        for (JsonNode d : dests) {
            int w = d.has("weight") ? d.get("weight").asInt() : (dests.size() == 1 ? 100 : 0);
            assertThat(w).isBetween(0, 100);
            sum += w;
        }
        assertThat(sum).isEqualTo(100);
    }
}
