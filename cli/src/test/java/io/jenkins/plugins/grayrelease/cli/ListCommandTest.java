package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code grayctl list}: the releases recorded in a namespace or in all, as kubectl get lists objects. */
class ListCommandTest extends SandboxCommandTest {

    @Test
    void listShowsOneRowPerRecordedReleaseWithPhaseWeightSidesAndLastChange() {
        grayctl("weight", "reviews", "25", "--stable", "v1", "--canary", "v2");

        CliRun run = grayctl("list");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().toList()).hasSize(2);
        assertThat(run.out().lines().findFirst().orElseThrow())
                .isEqualTo("NAME      KIND             ROUTE     PHASE         WEIGHT   STABLE → CANARY   LAST CHANGE");
        assertThat(run.out().lines().skip(1).findFirst().orElseThrow())
                .matches("reviews   VirtualService   primary   PROGRESSING   25%      v1 → v2           \\d+s ago setWeight 25 by .+");
    }

    @Test
    void allNamespacesAddsTheNamespaceColumnAndEveryNamespacesReleases() {
        grayctl("weight", "reviews", "10", "--stable", "v1", "--canary", "v2");
        String other = cluster.newSampleNamespace();
        grayctl("-n", other, "weight", "reviews", "20", "--stable", "v1", "--canary", "v2");
        grayctl("-n", other, "promote", "reviews");

        CliRun run = grayctl("list", "-A");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("NAMESPACE ")
                .containsPattern("(?m)^" + namespace + " +reviews +VirtualService +primary +PROGRESSING +10% +v1 → v2 ")
                .containsPattern("(?m)^" + other + " +reviews +VirtualService +primary +PROMOTED +0% +v2 → - ");
    }

    @Test
    void jsonListsTheRecordsAsItemsInTheStatusDocumentsKeys() {
        grayctl("weight", "reviews", "30", "--stable", "v1", "--canary", "v2");

        CliRun run = grayctl("list", "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode item = run.json().get("items").get(0);
        assertThat(run.json().get("items")).hasSize(1);
        assertThat(item.fieldNames()).toIterable().containsExactly("namespace", "routeKind", "routingObject", "route", "stable",
                "canary", "weights", "phase", "lastChange", "stateProblem");
        assertThat(item.get("namespace").asText()).isEqualTo(namespace);
        assertThat(item.get("routeKind").asText()).isEqualTo("VirtualService");
        assertThat(item.get("route").asText()).isEqualTo("primary");
        assertThat(item.get("weights").toString()).isEqualTo("{\"stable\":70,\"canary\":30}");
        assertThat(item.get("canary").toString()).isEqualTo("{\"host\":\"reviews\",\"subset\":\"v2\"}");
        assertThat(item.get("lastChange").get("action").asText()).isEqualTo("setWeight 30");
    }

    @Test
    void aNamespaceWithoutReleasesSaysSoOnStderrAndPrintsNothing() {
        CliRun run = grayctl("list");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("No releases recorded in namespace " + namespace + ".\n");
    }

    @Test
    void yamlOfAnEmptyNamespaceIsAnEmptyList() {
        CliRun run = grayctl("list", "-o", "yaml");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("items: []\n");
    }
}
