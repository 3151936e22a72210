package io.jenkins.plugins.grayrelease.core.it;

import static io.jenkins.plugins.grayrelease.core.it.HttpRouteRelease.written;

import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.cluster.RouteResources;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.MissingObjectException;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.Yaml;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Bad input on an HTTPRoute: an error naming the object, the field and the fix, and nothing written. */
@ApiServerTest
class HttpRouteBadInputTest {

    private static <E extends GrayReleaseException> E refused(Class<E> type, HttpRouteRelease release,
                                                              Function<ReleaseTarget, Object> operation, ReleaseTarget target) {
        JsonNode before = written(release.stored());
        E error = catchThrowableOfType(type, () -> operation.apply(target));
        assertThat(error).isNotNull();
        assertThat(written(release.stored())).as("nothing written").isEqualTo(before);
        return error;
    }

    @Test
    void anUnknownRuleNameIsRefusedListingTheRules(RealApiServer server) {
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-bad-rule");

        InvalidReleaseException error = refused(InvalidReleaseException.class, release,
                t -> release.engine().setWeight(t, 10, WriteOptions.defaults()), release.target().toBuilder().route("primary").build());

        assertThat(error.getMessage()).isEqualTo(release.namespace() + "/HTTPRoute/reviews: spec.rules[].name: has no rule named"
                + " 'primary' (rules: admin, main). Give the rule this name (rules[].name, Gateway API 1.2 or later), or name an existing rule");
    }

    @Test
    void aWeightOutsideZeroToHundredIsRefused(RealApiServer server) {
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-bad-weight");

        InvalidReleaseException error = refused(InvalidReleaseException.class, release,
                t -> release.engine().setWeight(t, 101, WriteOptions.defaults()), release.target());

        assertThat(error.getMessage()).isEqualTo(release.namespace()
                + "/HTTPRoute/reviews: weight: 101 is outside 0-100. Give the canary weight as a whole number from 0 to 100");
    }

    @Test
    void aThirdBackendInTheManagedRuleIsRefusedNamingTheRulesBackendRefs(RealApiServer server) {
        ObjectNode route = Variant.HTTP_ROUTE.tree("HTTPRoute");
        ((ArrayNode) HttpRouteRelease.rule(route, "main").path("backendRefs"))
                .add(Yaml.node("{group: \"\", kind: Service, name: reviews-admin, port: 9080, weight: 1}"));
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-bad-third", route);

        InvalidReleaseException error = refused(InvalidReleaseException.class, release,
                t -> release.engine().setWeight(t, 10, WriteOptions.defaults()), release.target());

        assertThat(error.getMessage()).isEqualTo(release.namespace() + "/HTTPRoute/reviews: spec.rules[1] (main).backendRefs: sends"
                + " traffic to reviews-admin, which is neither the stable Service (reviews-stable) nor the canary Service"
                + " (reviews-canary). Check the stable and canary Services, or manage another rule (route: NAME)");
    }

    @Test
    void aMissingHttpRouteIsRefusedNamingTheFix(RealApiServer server) {
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-missing");
        ReleaseTarget target = ReleaseTarget.builder(release.namespace(), "reviews").httpRoute("ratings")
                .stable(SampleTargets.HTTP_ROUTE_STABLE).canary(SampleTargets.HTTP_ROUTE_CANARY).build();

        MissingObjectException error = refused(MissingObjectException.class, release,
                t -> release.engine().setWeight(t, 10, WriteOptions.defaults()), target);

        assertThat(error.object()).isEqualTo(target.routingRef());
        assertThat(error.getMessage()).contains(release.namespace() + "/HTTPRoute/ratings")
                .contains("Create the HTTPRoute 'ratings', or name yours (grayctl --http-route; Jenkins httpRoute:)");
    }

    @Test
    void aSubsetAsCanaryIsRefusedBeforeAnythingIsRead(RealApiServer server) {
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-bad-subset");
        JsonNode before = written(release.stored());

        IllegalArgumentException error = catchThrowableOfType(IllegalArgumentException.class, () -> release.target().toBuilder()
                .canary(Destination.subset("reviews", "v2")).build());

        assertThat(error).hasMessage("release target: the canary side reviews/v2 is a subset, but an HTTPRoute sends to Services;"
                + " name the canary Service (e.g. reviews-canary) as canary or canaryHost");
        assertThat(written(release.stored())).isEqualTo(before);
    }

    /**
     * A field the installed Gateway API CRD does not know (as {@code requestMirror.percent} is
     * unknown before Gateway API 1.3) is refused by the engine's strict writes, where a plain
     * write would have it dropped in silence.
     */
    @Test
    void aFieldTheInstalledCrdDoesNotKnowIsRefusedNotDropped(RealApiServer server) {
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-strict");
        IstioResources resources = new IstioResources(server.client());
        String unknown = "[{\"op\":\"add\",\"path\":\"/spec/rules/1/backendRefs/0/percent\",\"value\":10}]";

        KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class, () -> resources.patch(
                RouteResources.of(RouteKind.HTTP_ROUTE), release.namespace(), "reviews", unknown, true));
        ObjectNode lenient = resources.patch(RouteResources.of(RouteKind.HTTP_ROUTE), release.namespace(), "reviews", unknown, false);

        assertThat(refused).isNotNull();
        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(refused.getMessage()).contains("unknown field \"spec.rules[1].backendRefs[0].percent\"");
        assertThat(HttpRouteRelease.rule(lenient, "main").path("backendRefs").get(0).has("percent")).as("dropped in silence").isFalse();
    }

    @Test
    void anHttpRouteAndAVirtualServiceTogetherAreRefused() {
        IllegalArgumentException error = catchThrowableOfType(IllegalArgumentException.class, () -> ReleaseTarget
                .builder("shop", "reviews").httpRoute("reviews").virtualService("reviews").build());

        assertThat(error).hasMessage("release target: httpRoute 'reviews' and virtualService 'reviews' name two routing objects;"
                + " give either an HTTPRoute (Gateway API) or a VirtualService and DestinationRule (Istio)");
    }
}
