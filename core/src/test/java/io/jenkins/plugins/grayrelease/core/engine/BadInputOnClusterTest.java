package io.jenkins.plugins.grayrelease.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.MissingObjectException;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input against a real (mock) cluster: the error text, its type, and not a byte written. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputOnClusterTest {

    private SandboxCluster cluster;
    private GrayRelease engine;

    @BeforeAll
    void start() {
        cluster = SandboxCluster.withSampleApp();
        engine = cluster.engine();
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    static ReleaseTarget.Builder reviews() {
        return SampleTargets.reviews().toBuilder();
    }

    static Stream<Arguments> badInputs() {
        WriteOptions w = WriteOptions.defaults();
        return Stream.of(
                bad("weight -1", e -> e.setWeight(reviews().build(), -1, w), InvalidReleaseException.class,
                        "shop/VirtualService/reviews: weight: -1 is outside 0-100. Give the canary weight as a whole number from 0 to 100"),
                bad("weight 101", e -> e.setWeight(reviews().build(), 101, w), InvalidReleaseException.class,
                        "shop/VirtualService/reviews: weight: 101 is outside 0-100."),
                bad("missing VirtualService", e -> e.setWeight(reviews().virtualService("nope").build(), 10, w), MissingObjectException.class,
                        "shop/VirtualService/nope: not found. Create the VirtualService for service 'reviews', or name yours (grayctl --virtual-service; Jenkins virtualService:)"),
                bad("missing DestinationRule", e -> e.setWeight(reviews().destinationRule("nope").build(), 10, w), MissingObjectException.class,
                        "shop/DestinationRule/nope: not found. The release routes to subsets, which a DestinationRule must define"),
                bad("missing subset", e -> e.setWeight(reviews().canarySubset("v7").build(), 10, w), InvalidReleaseException.class,
                        "shop/DestinationRule/reviews: spec.subsets: the canary subset 'v7' does not exist; existing subsets: v1, v2."),
                bad("unknown route name", e -> e.setWeight(reviews().route("main").build(), 10, w), InvalidReleaseException.class,
                        "shop/VirtualService/reviews: spec.http[].name: no HTTP route is named 'main'; routes: jason, ratings-api, primary."),
                bad("ambiguous managed route", e -> e.setWeight(reviews().virtualService("ambiguous").build(), 10, w), InvalidReleaseException.class,
                        "shop/VirtualService/ambiguous: spec.http: the managed route is ambiguous: 2 routes without 'match' send traffic to "
                                + "the stable destination reviews/v1: a, b. Name the managed route (route: NAME)"),
                bad("empty header name", e -> e.setTesters(reviews().build(), TesterRoute.of(TesterMatch.header("", "x")), w),
                        InvalidReleaseException.class, "shop/VirtualService/reviews: testers[0].name: the header name is empty."),
                bad("invalid regex", e -> e.setTesters(reviews().build(), TesterRoute.of(TesterMatch.headerRegex("x-a", "[a-")), w),
                        InvalidReleaseException.class, "shop/VirtualService/reviews: testers[0].value: regular expression '[a-' is not accepted by RE2"),
                bad("mirror percentage out of range", e -> e.setMirror(reviews().build(), 150, w), InvalidReleaseException.class,
                        "shop/VirtualService/reviews: mirror: 150 is outside 0-100."));
    }

    private static Arguments bad(String name, Consumer<GrayRelease> call, Class<?> type, String message) {
        return Arguments.of(name, call, type, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRefusedAndNothingIsWritten(String name, Consumer<GrayRelease> call, Class<?> type, String message) {
        if (cluster.virtualService("ambiguous") == null) {
            cluster.load("""
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: ambiguous, namespace: shop}
                    spec:
                      hosts: [reviews]
                      http:
                      - name: a
                        route: [{destination: {host: reviews, subset: v1}}]
                      - name: b
                        route: [{destination: {host: reviews, subset: v1}}]
                    """);
        }
        ObjectNode vs = cluster.virtualService("reviews");
        ObjectNode dr = cluster.destinationRule("reviews");
        long patches = cluster.faults().count("PATCH", "/");

        assertThatThrownBy(() -> call.accept(engine)).isInstanceOf(type).hasMessageStartingWith(message);

        assertThat(cluster.virtualService("reviews")).isEqualTo(vs);
        assertThat(cluster.destinationRule("reviews")).isEqualTo(dr);
        assertThat(cluster.faults().count("PATCH", "/")).isEqualTo(patches);
    }
}
