package io.jenkins.plugins.grayrelease.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import io.jenkins.plugins.grayrelease.core.testing.Yaml;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Route operations against the mock API server in CRUD mode. */
class ShiftingTrafficTest {

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSampleApp().withWorkload("v3");
    private final GrayRelease engine = cluster.engine();
    private final ReleaseTarget target = SampleTargets.reviews();

    @Test
    void shiftingWeightKeepsOtherRoutesFieldsAndAnnotationsByteIdentical() {
        ObjectNode before = cluster.virtualService("reviews");

        engine.setWeight(target, 30, WriteOptions.defaults());

        ObjectNode after = cluster.virtualService("reviews");
        for (String route : new String[] {"jason", "ratings-api"}) {
            assertThat(Yaml.route(after, route).toString()).isEqualTo(Yaml.route(before, route).toString());
        }
        JsonNode primary = Yaml.route(after, "primary");
        for (String field : new String[] {"timeout", "retries", "headers"}) {
            assertThat(primary.get(field).toString()).isEqualTo(Yaml.route(before, "primary").get(field).toString());
        }
        assertThat(after.path("metadata").path("annotations").get("team.example.org/owner").asText()).isEqualTo("reviews-team");
        assertThat(after.path("metadata").path("labels").toString()).isEqualTo(before.path("metadata").path("labels").toString());
        assertThat(after.path("spec").path("hosts").toString()).isEqualTo(before.path("spec").path("hosts").toString());
        assertThat(after.path("spec").path("exportTo").toString()).isEqualTo(before.path("spec").path("exportTo").toString());
        assertThat(primary.get("route").toString()).isEqualTo(
                "[{\"destination\":{\"host\":\"reviews\",\"subset\":\"v1\"},\"weight\":70},"
                        + "{\"destination\":{\"host\":\"reviews\",\"subset\":\"v2\"},\"weight\":30}]");
    }

    @ParameterizedTest(name = "weight {0}")
    @ValueSource(ints = {0, 1, 50, 99, 100})
    void weightIsStoredAndReadBackWithBothDestinations(int weight) {
        OperationResult result = engine.setWeight(target, weight, WriteOptions.defaults());

        assertThat(result.changed()).isTrue();
        assertThat(result.status().weights()).isEqualTo(WeightSplit.canary(weight));
        ReleaseStatus status = engine.status(target);
        assertThat(status.weights()).isEqualTo(WeightSplit.canary(weight));
        assertThat(status.phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(status.drift()).isEmpty();
        assertThat(Yaml.route(cluster.virtualService("reviews"), "primary").get("route")).hasSize(2);
    }

    @Test
    void repeatingAnOperationWritesNothing() {
        engine.setWeight(target, 10, WriteOptions.defaults());
        String version = cluster.virtualService("reviews").path("metadata").path("resourceVersion").asText();

        OperationResult again = engine.setWeight(target, 10, WriteOptions.defaults());

        assertThat(again.changed()).isFalse();
        assertThat(again.change().isEmpty()).isTrue();
        assertThat(cluster.virtualService("reviews").path("metadata").path("resourceVersion").asText()).isEqualTo(version);
    }

    @Test
    void twoHostLayoutShiftsBetweenHosts() {
        ReleaseTarget checkout = SampleTargets.checkout();
        engine.setWeight(checkout, 25, WriteOptions.defaults());

        ReleaseStatus status = engine.status(ReleaseTarget.builder("shop", "checkout").build());
        assertThat(status.weights()).isEqualTo(new WeightSplit(75, 25));
        assertThat(status.canary().host()).isEqualTo("checkout-canary.shop.svc.cluster.local");
        assertThat(Yaml.route(cluster.virtualService("checkout"), "main").path("route").get(1).path("destination").toString())
                .isEqualTo("{\"host\":\"checkout-canary.shop.svc.cluster.local\",\"port\":{\"number\":8080}}");
    }

    @Test
    void promoteThenASecondReleaseStartsFromTheNewStable() {
        engine.setWeight(target, 50, WriteOptions.defaults());
        engine.setTesters(target, TesterRoute.of(TesterMatch.header("x-canary", "1")), WriteOptions.defaults());
        OperationResult promoted = engine.promote(ReleaseTarget.builder("shop", "reviews").build(), PromoteOptions.defaults());

        assertThat(promoted.status().phase()).isEqualTo(Phase.PROMOTED);
        assertThat(promoted.status().stable().subset()).isEqualTo("v2");
        assertThat(promoted.status().canary()).isNull();
        assertThat(promoted.status().weights()).isEqualTo(new WeightSplit(100, 0));
        assertThat(promoted.status().testers()).isEmpty();

        ReleaseTarget second = ReleaseTarget.builder("shop", "reviews").canarySubset("v3").build();
        OperationResult next = engine.setWeight(second, 10, WriteOptions.defaults().withAddCanarySubset(true));

        assertThat(next.status().stable().subset()).isEqualTo("v2");
        assertThat(next.status().weights()).isEqualTo(new WeightSplit(90, 10));
        assertThat(Yaml.route(cluster.virtualService("reviews"), "primary").get("route").toString()).isEqualTo(
                "[{\"destination\":{\"host\":\"reviews\",\"subset\":\"v2\"},\"weight\":90},"
                        + "{\"destination\":{\"host\":\"reviews\",\"subset\":\"v3\"},\"weight\":10}]");
        assertThat(cluster.destinationRule("reviews").path("spec").path("subsets").get(2).toString())
                .isEqualTo("{\"name\":\"v3\",\"labels\":{\"version\":\"v3\"}}");
    }

    @Test
    void promotingTwiceIsNotAnError() {
        engine.setWeight(target, 50, WriteOptions.defaults());
        ReleaseTarget byName = ReleaseTarget.builder("shop", "reviews").build();
        engine.promote(byName, PromoteOptions.defaults());

        OperationResult again = engine.promote(byName, PromoteOptions.defaults());

        assertThat(again.changed()).isFalse();
        assertThat(again.status().phase()).isEqualTo(Phase.PROMOTED);
    }

    @Test
    void rollbackRemovesTesterAndMirrorRoutes() {
        engine.setWeight(target, 20, WriteOptions.defaults());
        engine.setTesters(target, TesterRoute.of(TesterMatch.cookie("canary", "yes")), WriteOptions.defaults());
        engine.setMirror(target, 15, WriteOptions.defaults());
        assertThat(engine.status(target).mirrorPercent()).isEqualTo(15);
        assertThat(engine.status(target).testers()).containsExactly(TesterMatch.cookie("canary", "yes"));

        OperationResult back = engine.rollback(ReleaseTarget.builder("shop", "reviews").build(), WriteOptions.defaults());

        ObjectNode vs = cluster.virtualService("reviews");
        assertThat(vs.path("spec").path("http")).hasSize(3);
        assertThat(Yaml.route(vs, "gray-primary-testers")).isNull();
        assertThat(Yaml.route(vs, "primary").has("mirror")).isFalse();
        assertThat(back.status().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(back.status().weights()).isEqualTo(new WeightSplit(100, 0));
        assertThat(back.status().testers()).isEmpty();
        assertThat(back.status().mirrorPercent()).isZero();
    }

    @Test
    void removeTestersLeavesWeightsAlone() {
        engine.setWeight(target, 20, WriteOptions.defaults());
        engine.setTesters(target, TesterRoute.of(TesterMatch.header("x-a", "1")), WriteOptions.defaults());

        OperationResult result = engine.removeTesters(target, WriteOptions.defaults());

        assertThat(result.status().testers()).isEmpty();
        assertThat(result.status().weights()).isEqualTo(WeightSplit.canary(20));
    }

    /** An operation on the engine, for tables of operations. */
    interface Operation extends BiFunction<GrayRelease, ReleaseTarget, OperationResult> {
    }

    static Stream<Arguments> operations() {
        return Stream.of(
                Arguments.of("setWeight", (Operation) (e, t) -> e.setWeight(t, 30, WriteOptions.defaults())),
                Arguments.of("setTesters", (Operation) (e, t) -> e.setTesters(t, TesterRoute.of(TesterMatch.header("x-canary", "1")),
                        WriteOptions.defaults())),
                Arguments.of("removeTesters", (Operation) (e, t) -> e.removeTesters(t, WriteOptions.defaults())),
                Arguments.of("setMirror", (Operation) (e, t) -> e.setMirror(t, 10, WriteOptions.defaults())),
                Arguments.of("promote", (Operation) (e, t) -> e.promote(t, PromoteOptions.defaults())),
                Arguments.of("rollback", (Operation) (e, t) -> e.rollback(t, WriteOptions.defaults())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void everyOperationRepeatedWritesNothingTheSecondTime(String name, Operation operation) {
        engine.setWeight(target, 20, WriteOptions.defaults());
        operation.apply(engine, target);
        ObjectNode once = cluster.virtualService("reviews");

        OperationResult again = operation.apply(engine, target);

        assertThat(again.changed()).isFalse();
        assertThat(again.change().isEmpty()).isTrue();
        assertThat(cluster.virtualService("reviews")).isEqualTo(once);
    }
}
