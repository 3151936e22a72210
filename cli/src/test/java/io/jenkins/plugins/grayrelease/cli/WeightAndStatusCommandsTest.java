package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;
import org.junit.jupiter.api.Test;

/** {@code weight} and {@code status} run in-process against the sandbox, through a kubeconfig. */
class WeightAndStatusCommandsTest extends SandboxCommandTest {

    @Test
    void weightSplitsTheManagedRouteAndPrintsTheResultingStatusAsJson() {
        CliRun run = grayctl("-o", "json", "weight", "reviews", "10", "--stable", "v1", "--canary", "v2");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("namespace").asText()).isEqualTo(namespace);
        assertThat(json.get("service").asText()).isEqualTo("reviews");
        assertThat(json.get("routingObject").asText()).isEqualTo("reviews");
        assertThat(json.get("routeKind").asText()).isEqualTo("VirtualService");
        assertThat(json.get("route").asText()).isEqualTo("primary");
        assertThat(json.get("weights").toString()).isEqualTo("{\"stable\":90,\"canary\":10}");
        assertThat(json.get("stable").get("subset").asText()).isEqualTo("v1");
        assertThat(json.get("canary").get("subset").asText()).isEqualTo("v2");
        assertThat(json.get("phase").asText()).isEqualTo("PROGRESSING");
        assertThat(json.get("lastChange").get("origin").asText()).isEqualTo("grayctl");
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(route("primary").getRoute()).extracting(d -> d.getDestination().getSubset() + "=" + d.getWeight())
                .containsExactly("v1=90", "v2=10");
        assertThat(run.err()).contains("» setting " + namespace + "/VirtualService/reviews: canary weight 10 %");
    }

    @Test
    void weightLeavesTheTeamsOwnHeaderRouteExactlyAsItWas() {
        HTTPRoute before = route("partner-acme");

        CliRun run = grayctl("weight", "reviews", "30", "--stable", "v1", "--canary", "v2");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(route("partner-acme")).isEqualTo(before);
        assertThat(route("primary").getTimeout()).isEqualTo("5s");
    }

    @Test
    void statusAfterAWeightNeedsOnlyTheServiceName() {
        grayctl("weight", "reviews", "25", "--stable", "v1", "--canary", "v2");

        CliRun run = grayctl("status", "reviews", "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("weights").toString()).isEqualTo("{\"stable\":75,\"canary\":25}");
        assertThat(run.json().get("lastChange").get("action").asText()).contains("25");
    }

    @Test
    void statusTableShowsBothSidesWithTheirWeights() {
        grayctl("weight", "reviews", "25", "--stable", "v1", "--canary", "v2");

        CliRun run = grayctl("status", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("SERVICE         " + namespace + "/reviews")
                .contains("VIRTUALSERVICE  reviews, route primary")
                .containsPattern("STABLE +reviews/v1 +75 %")
                .containsPattern("CANARY +reviews/v2 +25 %")
                .contains("PHASE           PROGRESSING");
    }

    @Test
    void statusInYamlHasTheSameShape() {
        grayctl("weight", "reviews", "40", "--stable", "v1", "--canary", "v2");

        CliRun run = grayctl("status", "reviews", "-o", "yaml");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("namespace: " + namespace, "weights:\n  stable: 60\n  canary: 40");
    }

    @Test
    void dryRunWritesNothingAndPrintsThePlannedPatch() {
        VirtualService before = cluster.virtualService(namespace);

        CliRun run = grayctl("-o", "json", "weight", "reviews", "10", "--stable", "v1", "--canary", "v2", "--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("dryRun").asBoolean()).isTrue();
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("weights").toString()).isEqualTo("{\"stable\":90,\"canary\":10}");
        assertThat(json.get("patch").isArray()).isTrue();
        assertThat(json.get("patch").toString()).contains("/spec/http/1/route");
        assertThat(json.get("diff").asText()).contains("weight: 10");
        VirtualService after = cluster.virtualService(namespace);
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(after.getSpec()).isEqualTo(before.getSpec());
        assertThat(after.getMetadata().getAnnotations()).isEqualTo(before.getMetadata().getAnnotations());
    }

    @Test
    void dryRunTableSaysSoAndShowsTheDiff() {
        CliRun run = grayctl("weight", "reviews", "10", "--stable", "v1", "--canary", "v2", "--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Dry run: nothing was written. Planned change:")
                .contains("+++ " + namespace + "/VirtualService/reviews (planned)")
                .contains("Status after the change:");
    }

    @Test
    void dryRunDiffShowsTheReleaseRecordDecodedSoOnlyItsChangedFieldsAppear() {
        grayctl("weight", "reviews", "10", "--stable", "v1", "--canary", "v2");

        CliRun run = grayctl("weight", "reviews", "20", "--stable", "v1", "--canary", "v2", "--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String diff = run.out().substring(run.out().indexOf("--- "), run.out().indexOf("Status after the change:"));
        assertThat(diff).as(diff).doesNotContain("\\\"").contains("-      weight: 90", "+      weight: 80",
                "-      weight: 10", "+      weight: 20");
        // The record's weight, last action and time, then the routes' weights: nothing else is added.
        assertThat(diff.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).map(l -> l.replaceAll("at: \".*\"", "at: …")))
                .as(diff).containsExactly("+      weight: 20", "+        action: \"setWeight 20\"", "+        at: …",
                        "+      weight: 80", "+      weight: 20");
    }

    @Test
    void weightOverHundredIsInvalidInputWithOneLineAndAHintAndWritesNothing() {
        String versionBefore = cluster.virtualService(namespace).getMetadata().getResourceVersion();

        CliRun run = grayctl("weight", "reviews", "120", "--stable", "v1", "--canary", "v2");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("error: " + namespace + "/VirtualService/reviews: weight: 120 is outside 0-100\nhint: ");
        assertThat(run.err()).doesNotContain("\tat ");
        assertThat(cluster.virtualService(namespace).getMetadata().getResourceVersion()).isEqualTo(versionBefore);
    }

    @Test
    void unknownCanarySubsetIsInvalidInputListingTheSubsetsThatExist() {
        CliRun run = grayctl("weight", "reviews", "10", "--stable", "v1", "--canary", "v9");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("» ").contains("error: " + namespace + "/DestinationRule/reviews: spec.subsets: ")
                .contains("v9").contains("v1, v2").contains("hint: ");
        assertThat(cluster.destinationRule(namespace).getSpec().getSubsets()).extracting("name").containsExactly("v1", "v2");
    }

    @Test
    void aTypoedCanaryWithAddCanarySubsetIsRefusedAsInvalidInputAndNothingIsWritten() {
        String vs = cluster.virtualService(namespace).getMetadata().getResourceVersion();

        CliRun run = grayctl("weight", "reviews", "10", "--canary", "v9", "--add-canary-subset");

        // Before the readiness gate this exited 0 with 10 % of the traffic sent to no pods at all.
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("error: " + namespace + "/Service/reviews: spec.selector: no Deployment's pods carry"
                + " app=reviews,version=v9, so nothing would answer the 10 % of the traffic sent to the canary reviews/v9")
                .contains("hint: Deploy the canary first");
        assertThat(cluster.virtualService(namespace).getMetadata().getResourceVersion()).isEqualTo(vs);
        assertThat(cluster.destinationRule(namespace).getSpec().getSubsets()).extracting("name").containsExactly("v1", "v2");
    }

    @Test
    void theReadinessGateCanBeTurnedOffForWorkloadsElsewhere() {
        CliRun run = grayctl("weight", "reviews", "10", "--canary", "v9", "--add-canary-subset", "--no-readiness-gate");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(route("primary").getRoute()).extracting(d -> d.getDestination().getSubset()).containsExactly("v1", "v9");
    }

    @Test
    void addCanarySubsetAddsTheMissingSubsetAndRoutesToIt() {
        io.jenkins.plugins.grayrelease.core.testing.Workloads.serve(cluster.client(), namespace, "reviews", "v3");
        CliRun run = grayctl("weight", "reviews", "5", "--stable", "v1", "--canary", "v3", "--add-canary-subset");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(cluster.destinationRule(namespace).getSpec().getSubsets()).extracting("name").containsExactly("v1", "v2", "v3");
        assertThat(route("primary").getRoute()).extracting(d -> d.getDestination().getSubset()).containsExactly("v1", "v3");
    }

    @Test
    void namedRouteAndObjectsAreHonoured() {
        CliRun run = grayctl("weight", "reviews", "10", "--stable", "v1", "--canary", "v2", "--route", "primary",
                "--virtual-service", "reviews", "--destination-rule", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(route("primary").getRoute()).hasSize(2);
    }

    @Test
    void unknownRouteIsInvalidInputNamingTheRoute() {
        CliRun run = grayctl("weight", "reviews", "10", "--stable", "v1", "--canary", "v2", "--route", "nosuch");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("error: " + namespace + "/VirtualService/reviews").contains("nosuch");
    }

    @Test
    void missingVirtualServiceIsInvalidInputNamingIt() {
        CliRun run = grayctl("status", "ratings");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + namespace + "/VirtualService/ratings: not found\nhint: ");
    }

    @Test
    void namespaceOptionOverridesTheKubeconfigsNamespace() {
        CliRun run = grayctl("-n", "elsewhere", "status", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("elsewhere/VirtualService/reviews: not found");
    }

    @Test
    void unknownContextIsInvalidInputListingTheContextsRatherThanFallingBackToTheCurrentOne() {
        CliRun run = grayctl("--context", "nosuch", "weight", "reviews", "10", "--stable", "v1", "--canary", "v2");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: context: the kubeconfig has no context named 'nosuch'; its contexts: grayctl-sandbox\nhint: ");
        assertThat(route("primary").getRoute()).hasSize(1);
    }

    @Test
    void existingContextIsUsed() {
        CliRun run = grayctl("--context", "grayctl-sandbox", "weight", "reviews", "10", "--stable", "v1", "--canary", "v2");

        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void statusBeforeAnyReleaseShowsTheStableSideAndThatNothingIsRecorded() {
        CliRun run = grayctl("status", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("STABLE +reviews/v1 +100 %").contains("CANARY          none")
                .contains("PHASE           not recorded");
    }
}
