package io.jenkins.plugins.grayrelease.core.it;

import static io.jenkins.plugins.grayrelease.core.it.HttpRouteRelease.generation;
import static io.jenkins.plugins.grayrelease.core.it.HttpRouteRelease.written;
import static io.jenkins.plugins.grayrelease.core.it.HttpRouteRelease.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.routing.RouteChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tester rule and the RequestMirror filter as the real API server (with the Gateway API's CEL rules) stores them. */
@ApiServerTest
class HttpRouteTestersMirrorTest {

    private static final TesterRoute TESTERS = new TesterRoute(List.of(TesterMatch.header("x-canary", "yes"),
            TesterMatch.cookie("user", "qa"), TesterMatch.headerPrefix("x-team", "qa-")));

    private static List<String> ruleNames(JsonNode route) {
        List<String> names = new ArrayList<>();
        route.path("spec").path("rules").forEach(r -> names.add(r.path("name").asText()));
        return names;
    }

    @Test
    void testerRuleIsStoredBeforeTheManagedRuleAndReadBack(RealApiServer server) {
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-testers");
        ObjectNode before = release.stored();

        OperationResult result = release.engine().setTesters(release.target(), TESTERS, WriteOptions.defaults());

        ObjectNode after = release.stored();
        assertThat(ruleNames(after)).containsExactly("admin", "gray-main-testers", "main");
        JsonNode tester = rule(after, "gray-main-testers");
        assertThat(tester.path("backendRefs")).hasSize(1);
        assertThat(tester.path("backendRefs").get(0).path("name").asText()).isEqualTo("reviews-canary");
        assertThat(tester.path("matches")).hasSize(3);
        assertThat(tester.path("timeouts")).isEqualTo(rule(before, "main").path("timeouts"));
        assertThat(rule(after, "main").toString()).isEqualTo(rule(before, "main").toString());
        assertThat(result.status().testers()).containsExactlyElementsOf(TESTERS.matches());
        assertThat(release.engine().status(release.target()).testers()).containsExactlyElementsOf(TESTERS.matches());
    }

    @Test
    void settingTheSameTestersAgainWritesNothingBecauseTheServersDefaultsAreSpelledOut(RealApiServer server) {
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-testers-again");
        release.engine().setTesters(release.target(), TESTERS, WriteOptions.defaults());
        JsonNode before = written(release.stored());

        OperationResult again = release.engine().setTesters(release.target(), TESTERS, WriteOptions.defaults());

        assertThat(again.changed()).isFalse();
        assertThat(written(release.stored())).isEqualTo(before);
    }

    @Test
    void removingTestersLeavesTheRulesAsTheUserWroteThem(RealApiServer server) {
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-testers-off");
        ObjectNode before = release.stored();
        release.engine().setTesters(release.target(), TESTERS, WriteOptions.defaults());

        release.engine().removeTesters(release.target(), WriteOptions.defaults());

        assertThat(release.stored().path("spec").toString()).isEqualTo(before.path("spec").toString());
    }

    @Test
    void mirrorIsStoredWithItsPercentOnTheManagedRule(RealApiServer server) {
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-mirror");

        OperationResult result = release.engine().setMirror(release.target(), 20, WriteOptions.defaults());

        JsonNode filters = rule(release.stored(), "main").path("filters");
        assertThat(filters).hasSize(2);
        assertThat(filters.get(0).path("type").asText()).isEqualTo("RequestHeaderModifier");
        assertThat(filters.get(1).path("type").asText()).isEqualTo("RequestMirror");
        assertThat(filters.get(1).path("requestMirror").path("percent").asInt())
                .as("the installed standard-channel CRD keeps percent (it would prune an unknown field)").isEqualTo(20);
        assertThat(filters.get(1).path("requestMirror").path("backendRef").path("name").asText()).isEqualTo("reviews-canary");
        assertThat(result.status().mirrorPercent()).isEqualTo(20);
        JsonNode before = written(release.stored());
        assertThat(release.engine().setMirror(release.target(), 20, WriteOptions.defaults()).changed()).isFalse();
        assertThat(written(release.stored())).isEqualTo(before);
    }

    @Test
    void weightTestersAndMirrorGoInOneWrite(RealApiServer server) {
        HttpRouteRelease release = HttpRouteRelease.install(server, "hr-combined");
        long generation = generation(release.stored());

        OperationResult result = release.engine().apply(release.target(), List.of(new RouteChange.SetWeight(10),
                new RouteChange.SetTesters(TESTERS), new RouteChange.SetMirror(5)), WriteOptions.defaults());

        ObjectNode after = release.stored();
        assertThat(generation(after)).as("one stored change of the spec").isEqualTo(generation + 1);
        assertThat(result.status().weights().canary()).isEqualTo(10);
        assertThat(result.status().testers()).hasSize(3);
        assertThat(result.status().mirrorPercent()).isEqualTo(5);
        assertThat(release.engine().status(release.target()).drift()).isEmpty();
    }
}
