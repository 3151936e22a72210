package io.jenkins.plugins.grayrelease.core.it;

import static io.jenkins.plugins.grayrelease.core.it.HttpRouteRelease.written;

import com.fasterxml.jackson.databind.JsonNode;
import static io.jenkins.plugins.grayrelease.core.it.HttpRouteRelease.rule;
import static io.jenkins.plugins.grayrelease.core.it.HttpRouteRelease.weight;
import static io.jenkins.plugins.grayrelease.core.it.HttpRouteRelease.withoutBackendRefs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.cluster.RouteResources;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.StateAnnotations;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Weights on an HTTPRoute's backendRefs, written to and read back from a real API server. */
@ApiServerTest
class HttpRouteWeightTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 50, 99, 100})
    void weightIsStoredOnTheManagedRuleAndEverythingElseStaysByteIdentical(int canary, RealApiServer server) {
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-weight-" + canary);
        ObjectNode before = release.stored();

        OperationResult result = release.engine().setWeight(release.target(), canary, WriteOptions.defaults());

        ObjectNode after = release.stored();
        assertThat(result.changed()).isTrue();
        assertThat(weight(after, "main", "reviews-stable")).isEqualTo(100 - canary);
        assertThat(weight(after, "main", "reviews-canary")).isEqualTo(canary);
        assertThat(rule(after, "main").path("backendRefs").get(1).path("port").asInt()).isEqualTo(9080);
        assertThat(after.path("spec").path("parentRefs").toString()).isEqualTo(before.path("spec").path("parentRefs").toString());
        assertThat(after.path("spec").path("hostnames").toString()).isEqualTo(before.path("spec").path("hostnames").toString());
        assertThat(rule(after, "admin").toString()).isEqualTo(rule(before, "admin").toString());
        assertThat(withoutBackendRefs(rule(after, "main")).toString()).isEqualTo(withoutBackendRefs(rule(before, "main")).toString());
        assertThat(after.path("metadata").path("annotations").path("bookinfo.example.com/owner").asText()).isEqualTo("team-reviews");
        assertThat(after.path("metadata").path("annotations").has(StateAnnotations.keyFor("main"))).isTrue();
        assertThat(result.status().weights()).isEqualTo(new WeightSplit(100 - canary, canary));
    }

    @Test
    void statusReadsTheSplitAndPhaseBackNamingTheHttpRoute(RealApiServer server) {
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-status");
        release.engine().setWeight(release.target(), 25, WriteOptions.defaults());

        ReleaseStatus status = release.engine().status(release.target());

        assertThat(status.weights()).isEqualTo(new WeightSplit(75, 25));
        assertThat(status.phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(status.routeKind()).isEqualTo(RouteKind.HTTP_ROUTE);
        assertThat(status.routingObject()).isEqualTo("reviews");
        assertThat(status.route()).isEqualTo("main");
        assertThat(status.drift()).isEmpty();
        assertThat(status.resourceVersion()).isNotBlank();
    }

    @Test
    void repeatingTheSameWeightWritesNothing(RealApiServer server) {
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-idempotent");
        release.engine().setWeight(release.target(), 30, WriteOptions.defaults());
        JsonNode before = written(release.stored());

        OperationResult again = release.engine().setWeight(release.target(), 30, WriteOptions.defaults());

        assertThat(again.changed()).isFalse();
        assertThat(written(release.stored())).isEqualTo(before);
    }

    @Test
    void aHandEditedWeightShowsAsDrift(RealApiServer server) {
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-drift");
        release.engine().setWeight(release.target(), 20, WriteOptions.defaults());
        server.client().genericKubernetesResources(RouteResources.of(RouteKind.HTTP_ROUTE)).inNamespace(release.namespace())
                .withName("reviews").patch(PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"replace\",\"path\":\"/spec/rules/1/backendRefs/0/weight\",\"value\":60},"
                                + "{\"op\":\"replace\",\"path\":\"/spec/rules/1/backendRefs/1/weight\",\"value\":40}]");

        ReleaseStatus status = release.engine().status(release.target());

        assertThat(status.weights()).isEqualTo(new WeightSplit(60, 40));
        assertThat(status.drift()).containsExactly("the state records 20 % to the canary reviews-canary but the route sends 40 %");
    }

    @Test
    void theUnnamedCatchAllRuleIsManagedWhenNoRuleIsNamed(RealApiServer server) {
        ObjectNode route = Variant.HTTP_ROUTE.tree("HTTPRoute");
        route.path("spec").path("rules").forEach(r -> ((ObjectNode) r).remove("name"));
        ((ObjectNode) route.path("spec").path("rules").get(1)).remove("matches"); // the server fills in path prefix /
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-default-rule", route);
        ReleaseTarget target = ReleaseTarget.builder(release.namespace(), "reviews").httpRoute("reviews")
                .canary(SampleTargets.HTTP_ROUTE_CANARY).build();

        OperationResult result = release.engine().setWeight(target, 10, WriteOptions.defaults());

        ObjectNode after = release.stored();
        assertThat(result.status().stable()).isEqualTo(SampleTargets.HTTP_ROUTE_STABLE);
        assertThat(after.path("spec").path("rules").get(1).path("backendRefs").get(1).path("weight").asInt()).isEqualTo(10);
        assertThat(after.path("metadata").path("annotations").has(StateAnnotations.LEGACY)).isTrue();
        assertThat(release.engine().status(target.toBuilder().canary(null).build()).weights()).isEqualTo(new WeightSplit(90, 10));
    }
}
