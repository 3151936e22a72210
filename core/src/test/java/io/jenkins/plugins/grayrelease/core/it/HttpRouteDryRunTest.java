package io.jenkins.plugins.grayrelease.core.it;

import static io.jenkins.plugins.grayrelease.core.it.HttpRouteRelease.written;

import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.errors.ClusterApiException;
import io.jenkins.plugins.grayrelease.core.testing.Yaml;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dry runs on an HTTPRoute: validated by the API server (the Gateway API CRD's schema and CEL rules), nothing stored. */
@ApiServerTest
class HttpRouteDryRunTest {

    @Test
    void dryRunReturnsTheServerValidatedPatchAndStoresNothing(RealApiServer server) {
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-dryrun");
        ObjectNode before = release.stored();

        OperationResult result = release.engine().setWeight(release.target(), 40, WriteOptions.dryRunOnly());

        assertThat(result.dryRun()).isTrue();
        assertThat(result.changed()).isTrue();
        assertThat(result.change().serverValidated()).isTrue();
        assertThat(result.change().patch()).contains("{\"op\":\"test\",\"path\":\"/spec/rules/1\"")
                .contains("/spec/rules/1/backendRefs");
        assertThat(result.change().diff()).contains("reviews-canary");
        assertThat(result.status().weights().canary()).isEqualTo(40);
        assertThat(written(release.stored())).isEqualTo(written(before));
    }

    /**
     * What only the server checks: the CRD's CEL rule that an HTTPRoute holds at most 128
     * matches in all. The tester rule repeats the managed rule's 64 matches (the most one rule holds) for its header, which
     * the engine's own checks let through; the server's dry run refuses it and nothing is stored.
     */
    @Test
    void dryRunReportsTheGatewayApiCelRefusalNamingTheHttpRoute(RealApiServer server) {
        ObjectNode route = Variant.HTTP_ROUTE.tree("HTTPRoute");
        ArrayNode matches = (ArrayNode) HttpRouteRelease.rule(route, "main").path("matches");
        matches.removeAll();
        for (int i = 0; i < 64; i++) {
            matches.add(Yaml.node("path: {type: PathPrefix, value: /section-" + i + "}"));
        }
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-dryrun-cel", route);
        JsonNode stored = written(release.stored());

        ClusterApiException refused = catchThrowableOfType(ClusterApiException.class, () -> release.engine().setTesters(
                release.target(), new TesterRoute(List.of(TesterMatch.header("x-canary", "yes"))), WriteOptions.dryRunOnly()));

        assertThat(refused).as("the server's dry run must refuse 129 matches").isNotNull();
        assertThat(refused.object()).isEqualTo(release.target().routingRef());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.getMessage()).contains("the total number of matches across all rules in a route must be less than 128");
        assertThat(written(release.stored())).isEqualTo(stored);
    }
}
