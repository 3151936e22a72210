package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code testers} and {@code mirror} against the sandbox. */
class TestersAndMirrorCommandsTest extends SandboxCommandTest {

    private static final String[] SIDES = {"--stable", "v1", "--canary", "v2"};

    private CliRun grayctlWithSides(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of(SIDES));
        return grayctl(all.toArray(String[]::new));
    }

    private HTTPRoute testerRoute() {
        List<HTTPRoute> routes = routes();
        return routes.get(routeNames().indexOf("primary") - 1);
    }

    @Test
    void testersGetARouteToTheCanaryJustBeforeTheManagedRoute() {
        CliRun run = grayctlWithSides("testers", "reviews", "--header", "end-user=jason");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(routeNames()).hasSize(3).startsWith("partner-acme").endsWith("primary");
        HTTPRoute testers = testerRoute();
        assertThat(testers.getName()).startsWith("gray-");
        assertThat(testers.getMatch()).hasSize(1);
        assertThat(((StringMatchExact) testers.getMatch().get(0).getHeaders().get("end-user").getMatchType()).getExact())
                .isEqualTo("jason");
        assertThat(testers.getRoute()).extracting(d -> d.getDestination().getSubset()).containsExactly("v2");
        assertThat(run.out()).contains("TESTERS         header end-user: jason");
    }

    @Test
    void everyKindOfTesterMatchIsPassedToTheEngineAndShownInJson() {
        CliRun run = grayctlWithSides("-o", "json", "testers", "reviews", "--header", "end-user=jason",
                "--header-prefix", "user-agent=Beta/", "--header-regex", "x-tenant=^qa-.*", "--cookie", "canary=always");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode testers = run.json().get("testers");
        assertThat(testers).hasSize(4);
        assertThat(testers.findValuesAsText("kind")).containsExactlyInAnyOrder("header", "header-prefix", "header-regex", "cookie");
        assertThat(testerRoute().getMatch()).hasSize(4);
    }

    @Test
    void repeatingTestersReplacesTheRouteInsteadOfAddingASecondOne() {
        grayctlWithSides("testers", "reviews", "--header", "end-user=jason");

        CliRun run = grayctlWithSides("testers", "reviews", "--header", "end-user=maria");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(routeNames()).hasSize(3);
        assertThat(run.out()).contains("header end-user: maria").doesNotContain("jason");
    }

    @Test
    void testersRemoveTakesOnlyTheTesterRouteAway() {
        grayctlWithSides("weight", "reviews", "20");
        grayctlWithSides("testers", "reviews", "--header", "end-user=jason");

        CliRun run = grayctl("testers", "reviews", "--remove");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(routeNames()).containsExactly("partner-acme", "primary");
        assertThat(primaryWeights()).containsExactly("v1=80", "v2=20");
    }

    @Test
    void testersDryRunWritesNothing() {
        String before = cluster.virtualService(namespace).getMetadata().getResourceVersion();

        CliRun run = grayctlWithSides("-o", "json", "testers", "reviews", "--header", "end-user=jason", "--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("dryRun").asBoolean()).isTrue();
        assertThat(run.json().get("patch").toString()).contains("end-user");
        assertThat(routeNames()).containsExactly("partner-acme", "primary");
        assertThat(cluster.virtualService(namespace).getMetadata().getResourceVersion()).isEqualTo(before);
    }

    @Test
    void mirrorCopiesTheShareToTheCanaryAndZeroRemovesIt() {
        CliRun set = grayctlWithSides("-o", "json", "mirror", "reviews", "25");

        assertThat(set.exitCode()).as(set.toString()).isZero();
        assertThat(set.json().get("mirrorPercent").asInt()).isEqualTo(25);
        assertThat(route("primary").getMirror().getSubset()).isEqualTo("v2");
        assertThat(route("primary").getMirrorPercentage().getValue()).isEqualTo(25.0);

        CliRun removed = grayctl("-o", "json", "mirror", "reviews", "0");

        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(removed.json().get("mirrorPercent").asInt()).isZero();
        assertThat(route("primary").getMirror()).isNull();
    }

    @Test
    void mirrorDryRunWritesNothing() {
        CliRun run = grayctlWithSides("mirror", "reviews", "50", "--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Dry run: nothing was written.");
        assertThat(route("primary").getMirror()).isNull();
    }

    @Test
    void mirrorOverHundredIsInvalidInput() {
        CliRun run = grayctlWithSides("mirror", "reviews", "101");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("error: " + namespace + "/VirtualService/reviews").contains("hint: ");
    }
}
