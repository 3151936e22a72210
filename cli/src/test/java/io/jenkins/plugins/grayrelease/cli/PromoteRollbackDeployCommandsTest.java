package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The commands that end a release or prepare one: {@code promote}, {@code rollback}, {@code deploy}. */
class PromoteRollbackDeployCommandsTest extends SandboxCommandTest {

    private void releaseUnderWay() {
        CliRun weight = grayctl("weight", "reviews", "30", "--stable", "v1", "--canary", "v2");
        assertThat(weight.exitCode()).as(weight.toString()).isZero();
        CliRun testers = grayctl("testers", "reviews", "--header", "end-user=jason");
        assertThat(testers.exitCode()).as(testers.toString()).isZero();
    }

    private Deployment deployment(String name) {
        return cluster.client().apps().deployments().inNamespace(namespace).withName(name).get();
    }

    @Test
    void promoteSendsAllTrafficToTheCanaryAndRecordsItAsStable() {
        releaseUnderWay();

        CliRun run = grayctl("-o", "json", "promote", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("phase").asText()).isEqualTo("PROMOTED");
        assertThat(json.get("stable").get("subset").asText()).isEqualTo("v2");
        assertThat(json.get("weights").get("stable").asInt()).isEqualTo(100);
        assertThat(routeNames()).containsExactly("partner-acme", "primary");
        assertThat(route("primary").getRoute()).extracting(d -> d.getDestination().getSubset()).containsExactly("v2");
        assertThat(deployment("reviews-v1")).isNotNull();
    }

    @Test
    void promoteWithCleanupDeletesTheOldStableDeployment() {
        releaseUnderWay();

        // The sample's reviews-v2 was not created by grayctl deploy, so the old stable is named.
        CliRun run = grayctl("promote", "reviews", "--cleanup", "--from", "reviews-v1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Clean-up: deleted " + namespace + "/Deployment/reviews-v1 (the old stable).");
        assertThat(deployment("reviews-v1")).isNull();
        assertThat(deployment("reviews-v2")).isNotNull();
    }

    @Test
    void cleanupOfAStableGrayctlDidNotCreateIsRefusedBeforeAnythingIsWritten() {
        releaseUnderWay();
        String before = cluster.virtualService(namespace).getMetadata().getResourceVersion();

        CliRun run = grayctl("promote", "reviews", "--cleanup");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("error: " + namespace + "/Deployment/(serving app=reviews,version=v1): cleanup: the old stable"
                + " side's Deployments [reviews-v1] were not created by Gray Release for this release")
                .contains("hint: Name the one to delete with from (grayctl promote --cleanup --from NAME");
        assertThat(cluster.virtualService(namespace).getMetadata().getResourceVersion()).isEqualTo(before);
        assertThat(deployment("reviews-v1")).isNotNull();
    }

    @Test
    void rollbackAfterAPromotionChangesNothingAndSaysSo() {
        releaseUnderWay();
        assertThat(grayctl("promote", "reviews").exitCode()).isZero();
        String before = cluster.virtualService(namespace).getMetadata().getResourceVersion();

        CliRun run = grayctl("rollback", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Nothing to roll back: the release was promoted (reviews/v2 is the stable and takes all traffic);"
                + " nothing was written. To go back, release the previous version as a new canary.");
        assertThat(cluster.virtualService(namespace).getMetadata().getResourceVersion()).isEqualTo(before);
        CliRun status = grayctl("-o", "json", "status", "reviews");
        assertThat(status.json().get("phase").asText()).isEqualTo("PROMOTED");
        assertThat(route("primary").getRoute()).extracting(d -> d.getDestination().getSubset()).containsExactly("v2");
    }

    @Test
    void promoteDryRunWritesNothing() {
        releaseUnderWay();
        String before = cluster.virtualService(namespace).getMetadata().getResourceVersion();

        CliRun run = grayctl("-o", "json", "promote", "reviews", "--cleanup", "--from", "reviews-v1", "--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("dryRun").asBoolean()).isTrue();
        assertThat(run.json().get("patch").size()).isPositive();
        assertThat(cluster.virtualService(namespace).getMetadata().getResourceVersion()).isEqualTo(before);
        assertThat(deployment("reviews-v1")).isNotNull();
    }

    @Test
    void rollbackSendsAllTrafficToStableAndRemovesTheTesterRoute() {
        releaseUnderWay();

        CliRun run = grayctl("rollback", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("PHASE           ROLLED_BACK").containsPattern("STABLE +reviews/v1 +100 %");
        assertThat(routeNames()).containsExactly("partner-acme", "primary");
        assertThat(primaryWeights()).allSatisfy(w -> assertThat(w).matches("v1=(100|null)|v2=0"));
    }

    @Test
    void rollbackDryRunWritesNothing() {
        releaseUnderWay();

        CliRun run = grayctl("rollback", "reviews", "--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(primaryWeights()).containsExactly("v1=70", "v2=30");
        assertThat(routeNames()).hasSize(3);
    }

    @Test
    void rollingBackTwiceChangesNothingTheSecondTime() {
        releaseUnderWay();
        grayctl("rollback", "reviews");

        CliRun again = grayctl("-o", "json", "rollback", "reviews");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.json().get("changed").asBoolean()).isFalse();
    }

    @Test
    void deployCreatesTheCanaryDeploymentFromTheStableOne() {
        CliRun run = grayctl("-o", "json", "deploy", "reviews", "--image", "example.org/reviews:3", "--version", "v3",
                "--replicas", "3", "--from", "reviews-v1", "--stable", "v1", "--no-wait");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode deployment = run.json().get("deployment");
        assertThat(deployment.get("version").asText()).isEqualTo("v3");
        assertThat(deployment.get("image").asText()).isEqualTo("example.org/reviews:3");
        assertThat(deployment.get("replicas").asInt()).isEqualTo(3);
        assertThat(deployment.get("created").asBoolean()).isTrue();
        Deployment created = deployment(deployment.get("name").asText());
        assertThat(created.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("example.org/reviews:3");
        assertThat(created.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("version", "v3");
        assertThat(run.json().get("service").asText()).isEqualTo("reviews");
    }

    @Test
    void deployFromAMissingDeploymentIsInvalidInputNamingIt() {
        CliRun run = grayctl("deploy", "reviews", "--image", "example.org/reviews:3", "--version", "v3", "--from", "reviews-v0");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("error: " + namespace + "/Deployment/reviews-v0").contains("hint: ");
    }
}
