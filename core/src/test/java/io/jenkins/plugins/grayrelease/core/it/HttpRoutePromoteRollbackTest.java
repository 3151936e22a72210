package io.jenkins.plugins.grayrelease.core.it;

import static io.jenkins.plugins.grayrelease.core.it.HttpRouteRelease.written;
import static io.jenkins.plugins.grayrelease.core.it.HttpRouteRelease.rule;
import static io.jenkins.plugins.grayrelease.core.it.HttpRouteRelease.withoutBackendRefs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Promote and roll back an HTTPRoute release that has weights, testers and a mirror in place. */
@ApiServerTest
class HttpRoutePromoteRollbackTest {

    private static HttpRouteRelease midRelease(RealApiServer server, String prefix) {
        HttpRouteRelease release = HttpRouteRelease.install(server, prefix);
        release.engine().setWeight(release.target(), 40, WriteOptions.defaults());
        release.engine().setTesters(release.target(), new TesterRoute(List.of(TesterMatch.header("x-canary", "yes"))), WriteOptions.defaults());
        release.engine().setMirror(release.target(), 10, WriteOptions.defaults());
        return release;
    }

    /** The release named by its HTTPRoute and rule only: the sides come from the record. */
    private static ReleaseTarget recorded(HttpRouteRelease release) {
        return ReleaseTarget.builder(release.namespace(), "reviews").httpRoute("reviews").route("main").build();
    }

    @Test
    void promoteSendsAllTrafficToTheCanaryServiceAndRecordsItAsStable(RealApiServer server) {
        HttpRouteRelease release = midRelease(server, "hr-promote");
        ObjectNode before = Variant.HTTP_ROUTE.tree("HTTPRoute");

        release.engine().promote(recorded(release), PromoteOptions.defaults());

        ObjectNode after = release.stored();
        assertThat(after.path("spec").path("rules")).hasSize(2);
        assertThat(rule(after, "main").path("backendRefs")).hasSize(1);
        assertThat(rule(after, "main").path("backendRefs").get(0).path("name").asText()).isEqualTo("reviews-canary");
        assertThat(rule(after, "main").path("backendRefs").get(0).path("port").asInt()).isEqualTo(9080);
        assertThat(withoutBackendRefs(rule(after, "main"))).isEqualTo(withoutBackendRefs(rule(before, "main")));
        assertThat(after.path("spec").path("parentRefs")).isEqualTo(before.path("spec").path("parentRefs"));
        ReleaseStatus status = release.engine().status(recorded(release));
        assertThat(status.phase()).isEqualTo(Phase.PROMOTED);
        assertThat(status.stable()).isEqualTo(SampleTargets.HTTP_ROUTE_CANARY);
        assertThat(status.canary()).isNull();
        assertThat(status.weights()).isEqualTo(new WeightSplit(100, 0));
        assertThat(status.testers()).isEmpty();
        assertThat(status.mirrorPercent()).isZero();
        assertThat(status.drift()).isEmpty();
        assertThat(release.engine().promote(recorded(release), PromoteOptions.defaults()).changed()).isFalse();
        assertThat(written(release.stored())).isEqualTo(written(after));
    }

    @Test
    void rollbackSendsAllTrafficToTheStableServiceAndRemovesTheEnginesRules(RealApiServer server) {
        HttpRouteRelease release = midRelease(server, "hr-rollback");
        ObjectNode before = Variant.HTTP_ROUTE.tree("HTTPRoute");

        release.engine().rollback(recorded(release), WriteOptions.defaults());

        ObjectNode after = release.stored();
        assertThat(after.path("spec").path("rules")).hasSize(2);
        assertThat(rule(after, "main").path("backendRefs")).hasSize(1);
        assertThat(rule(after, "main").path("backendRefs").get(0).path("name").asText()).isEqualTo("reviews-stable");
        assertThat(withoutBackendRefs(rule(after, "main"))).isEqualTo(withoutBackendRefs(rule(before, "main")));
        assertThat(rule(after, "admin")).isEqualTo(rule(before, "admin"));
        ReleaseStatus status = release.engine().status(recorded(release));
        assertThat(status.phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(status.stable()).isEqualTo(SampleTargets.HTTP_ROUTE_STABLE);
        assertThat(status.weights()).isEqualTo(new WeightSplit(100, 0));
        assertThat(status.drift()).isEmpty();
    }

    @Test
    void aNewReleaseAfterPromotionStartsFromTheRecordedStable(RealApiServer server) {
        HttpRouteRelease release = midRelease(server, "hr-next");
        release.engine().promote(recorded(release), PromoteOptions.defaults());
        ReleaseTarget next = recorded(release).toBuilder().canary(SampleTargets.HTTP_ROUTE_STABLE).build();

        release.engine().setWeight(next, 5, WriteOptions.defaults());

        ReleaseStatus status = release.engine().status(recorded(release));
        assertThat(status.stable()).isEqualTo(SampleTargets.HTTP_ROUTE_CANARY);
        assertThat(status.canary()).isEqualTo(SampleTargets.HTTP_ROUTE_STABLE);
        assertThat(status.weights()).isEqualTo(new WeightSplit(95, 5));
    }
}
