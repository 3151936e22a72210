package io.jenkins.plugins.grayrelease.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two releases on two routes of one VirtualService, each with its own record. */
class RecordPerRouteTest {

    private static final Pattern ANNOTATION_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

    private final SandboxCluster cluster = SandboxCluster.withSampleApp();
    private final GrayRelease engine = cluster.engine();
    /** The catch-all route "primary": reviews v1 → v2. */
    private final ReleaseTarget reviews = SampleTargets.reviews();
    /** The route "ratings-api": host ratings → ratings-canary. */
    private final ReleaseTarget ratings = ReleaseTarget.builder("shop", "reviews").route("ratings-api")
            .stable(Destination.host("ratings")).canary(Destination.host("ratings-canary"))
            // These tests are about records per route; the fixture has no ratings workloads.
            .readinessGate(false).build();
    private final ReleaseTarget ratingsByRouteOnly = ReleaseTarget.builder("shop", "reviews").route("ratings-api").readinessGate(false).build();
    private final ReleaseTarget reviewsByDefault = ReleaseTarget.builder("shop", "reviews").build();

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void twoReleasesOnTwoRoutesKeepTheirOwnStableCanaryWeightAndPhase() {
        engine.setWeight(reviews, 10, WriteOptions.defaults());
        engine.setWeight(ratings, 40, WriteOptions.defaults());
        engine.recordRollout(ratings, null, Phase.PAUSED);
        engine.setWeight(reviews, 20, WriteOptions.defaults());

        ReleaseStatus first = engine.status(reviewsByDefault);
        assertThat(first.stateProblem()).isNull();
        assertThat(first.state().stable()).isEqualTo(Destination.subset("reviews", "v1"));
        assertThat(first.state().canary()).isEqualTo(Destination.subset("reviews", "v2"));
        assertThat(first.state().weight()).isEqualTo(20);
        assertThat(first.phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(first.drift()).isEmpty();

        // Read without naming the sides: they come from the route's own record.
        ReleaseStatus second = engine.status(ratingsByRouteOnly);
        assertThat(second.stateProblem()).isNull();
        assertThat(second.stable()).isEqualTo(Destination.host("ratings"));
        assertThat(second.canary()).isEqualTo(Destination.host("ratings-canary"));
        assertThat(second.state().weight()).isEqualTo(40);
        assertThat(second.weights().canary()).isEqualTo(40);
        assertThat(second.phase()).isEqualTo(Phase.PAUSED);
        assertThat(second.drift()).isEmpty();

        assertThat(annotations().has("grayrelease.jenkins.io/state.primary")).isTrue();
        assertThat(annotations().has("grayrelease.jenkins.io/state.ratings-api")).isTrue();
        assertThat(annotations().has(StateAnnotations.LEGACY)).isFalse();
    }

    @Test
    void brokenRecordOfOneRouteIsReportedWhileTheOtherRouteWorks() {
        engine.setWeight(reviews, 10, WriteOptions.defaults());
        engine.setWeight(ratings, 40, WriteOptions.defaults());
        patch("[{\"op\":\"replace\",\"path\":\"/metadata/annotations/grayrelease.jenkins.io~1state.primary\",\"value\":\"{\\\"stable\\\": \"}]");

        ReleaseStatus broken = engine.status(reviews);
        assertThat(broken.state()).isNull();
        assertThat(broken.stateProblem()).startsWith("annotation grayrelease.jenkins.io/state.primary is not a valid release state (");
        assertThat(broken.weights().canary()).isEqualTo(10);

        engine.setWeight(ratingsByRouteOnly, 60, WriteOptions.defaults());
        ReleaseStatus other = engine.status(ratingsByRouteOnly);
        assertThat(other.stateProblem()).isNull();
        assertThat(other.state().weight()).isEqualTo(60);
        assertThat(other.canary()).isEqualTo(Destination.host("ratings-canary"));

        assertThat(engine.status(reviews).stateProblem()).startsWith("annotation grayrelease.jenkins.io/state.primary is not");
    }

    @Test
    void recordOfTheSingleRecordFormatIsReadAsTheDefaultRoutesRecordAndMovedOnTheNextWrite() {
        engine.setWeight(reviews, 30, WriteOptions.defaults());
        ReleaseState written = engine.status(reviews).state();
        // As the engine wrote it before records were per route: one annotation, no route name.
        patch("[{\"op\":\"remove\",\"path\":\"/metadata/annotations/grayrelease.jenkins.io~1state.primary\"},"
                + "{\"op\":\"add\",\"path\":\"/metadata/annotations/grayrelease.jenkins.io~1state\",\"value\":"
                + TextNode.valueOf(ReleaseStateCodec.encode(written)) + "}]");

        ReleaseStatus old = engine.status(reviewsByDefault);
        assertThat(old.stateProblem()).isNull();
        assertThat(old.state()).isEqualTo(written);
        assertThat(old.canary()).isEqualTo(Destination.subset("reviews", "v2"));
        assertThat(old.drift()).isEmpty();
        assertThat(engine.status(ratingsByRouteOnly).stateProblem())
                .isEqualTo("no release state recorded (annotation grayrelease.jenkins.io/state.ratings-api is missing)");

        engine.setWeight(reviewsByDefault, 50, WriteOptions.defaults());

        assertThat(annotations().has(StateAnnotations.LEGACY)).isFalse();
        assertThat(ReleaseStateCodec.decode(annotations().path("grayrelease.jenkins.io/state.primary").asText()).state().weight())
                .isEqualTo(50);
    }

    @Test
    void recordFindsItsRouteAmongSeveralCatchAllRoutesWhenTheTargetNamesNeither() {
        cluster.load(TWO_CATCH_ALL_ROUTES);
        engine.setWeight(ReleaseTarget.builder("shop", "pay").stableSubset("v1").canarySubset("v2").readinessGate(false).build(), 30, WriteOptions.defaults());

        // Neither route nor stable named: two routes qualify, and the record of "web" says it is its own.
        ReleaseStatus status = engine.status(ReleaseTarget.builder("shop", "pay").build());

        assertThat(status.route()).isEqualTo("web");
        assertThat(status.canary()).isEqualTo(Destination.subset("pay", "v2"));
        assertThat(status.state().weight()).isEqualTo(30);
    }

    private static final String TWO_CATCH_ALL_ROUTES = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: pay
            spec:
              host: pay
              subsets:
              - name: v1
                labels:
                  version: v1
              - name: v2
                labels:
                  version: v2
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: pay
            spec:
              hosts:
              - pay
              - pay.example.org
              http:
              - name: web
                route:
                - destination:
                    host: pay
                    subset: v1
              - name: legacy-api
                route:
                - destination:
                    host: pay-legacy
            """;

    @Test
    void routeNamesThatAreNotAnnotationNamesGetDistinctValidKeys() {
        String spaced = StateAnnotations.keyFor("checkout / EU traffic");
        String other = StateAnnotations.keyFor("checkout / US traffic");
        String longName = StateAnnotations.keyFor("a".repeat(80));

        assertThat(StateAnnotations.keyFor("primary")).isEqualTo("grayrelease.jenkins.io/state.primary");
        assertThat(spaced).startsWith("grayrelease.jenkins.io/state.checkout---EU-traffic-").isNotEqualTo(other);
        for (String key : new String[] {spaced, other, longName}) {
            assertThat(key.substring(key.indexOf('/') + 1)).matches(ANNOTATION_NAME);
        }
    }

    private JsonNode annotations() {
        return cluster.virtualService("reviews").path("metadata").path("annotations");
    }

    private void patch(String jsonPatch) {
        cluster.client().genericKubernetesResources(IstioResources.VIRTUAL_SERVICE).inNamespace("shop").withName("reviews")
                .patch(PatchContext.of(PatchType.JSON), jsonPatch);
    }
}
