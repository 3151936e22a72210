package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import org.junit.jupiter.api.Test;

@ApiServerTest
class TestersAndMirrorTest {

    private static final TesterRoute TESTERS = TesterRoute.of(TesterMatch.header("X-Canary", "yes"), TesterMatch.cookie("beta", "1"));

    @Test
    void testerRouteGoesJustBeforeTheManagedRouteAndSendsTestersToTheCanary(RealApiServer server, IstioValidator istio) {
        SampleRelease release = SampleRelease.install(server, "testers");
        release.engine().setWeight(release.target(), 10, WriteOptions.defaults());

        ReleaseStatus status = release.engine().setTesters(release.target(), TESTERS, WriteOptions.defaults()).status();

        StoredRoutes stored = release.stored();
        assertThat(stored.routeNames()).hasSize(3).startsWith("admin").endsWith("primary");
        String testerRoute = stored.routeNames().get(1);
        assertThat(testerRoute).startsWith("gray-");
        assertThat(stored.weight(testerRoute, "v2")).isEqualTo(100);
        assertThat(stored.route(testerRoute).path("match")).hasSize(2);
        assertThat(stored.weight("primary", "v2")).isEqualTo(10);
        // Header names are case-insensitive; Istio requires them in lower case, and so they are stored.
        assertThat(status.testers()).containsExactlyInAnyOrder(TesterMatch.header("x-canary", "yes"), TesterMatch.cookie("beta", "1"));
        IstioValidator.IstioValidation validation = istio.validateStored(release.namespace());
        assertThat(validation.errors()).as(validation.output()).isEmpty();
    }

    @Test
    void removingTestersRestoresTheRoutesAsTheyWere(RealApiServer server, IstioValidator istio) {
        SampleRelease release = SampleRelease.install(server, "testers-off");
        release.engine().setWeight(release.target(), 10, WriteOptions.defaults());
        JsonNode routesBefore = release.stored().tree().path("spec");

        release.engine().setTesters(release.target(), TESTERS, WriteOptions.defaults());
        release.engine().removeTesters(release.target(), WriteOptions.defaults());

        assertThat(release.stored().tree().path("spec")).isEqualTo(routesBefore);
        assertThat(istio.validateStored(release.namespace()).valid()).isTrue();
    }

    @Test
    void mirrorCopiesTheGivenShareToTheCanaryAndZeroRemovesIt(RealApiServer server, IstioValidator istio) {
        SampleRelease release = SampleRelease.install(server, "mirror");
        JsonNode primaryBefore = release.stored().route("primary");

        release.engine().setMirror(release.target(), 20, WriteOptions.defaults());

        JsonNode primary = release.stored().route("primary");
        assertThat(mirrorSubset(primary)).isEqualTo("v2");
        assertThat(primary.path("mirrorPercentage").path("value").asDouble()).isEqualTo(20.0);
        assertThat(release.stored().weight("primary", "v1")).isEqualTo(100);
        IstioValidator.IstioValidation validation = istio.validateStored(release.namespace());
        assertThat(validation.errors()).as(validation.output()).isEmpty();

        release.engine().setMirror(release.target(), 0, WriteOptions.defaults());

        assertThat(release.stored().route("primary")).isEqualTo(primaryBefore);
        assertThat(istio.validateStored(release.namespace()).valid()).isTrue();
    }

    /** Istio has two spellings: {@code mirror} (one destination) and {@code mirrors} (a list). */
    private static String mirrorSubset(JsonNode route) {
        if (route.has("mirror")) {
            return route.path("mirror").path("subset").asText();
        }
        return route.path("mirrors").path(0).path("destination").path("subset").asText();
    }
}
