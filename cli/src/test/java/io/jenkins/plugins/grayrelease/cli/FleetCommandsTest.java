package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication;
import io.jenkins.plugins.grayrelease.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** grayctl on one release in three clusters (three sandbox servers, one kubeconfig context each): repeated --context and fleet plans. */
class FleetCommandsTest {

    private static final String NS = "shop";
    private final Map<String, SandboxServer> servers = new LinkedHashMap<>();
    private final Map<String, KubernetesClient> clients = new LinkedHashMap<>();
    private Path kubeconfig;

    @TempDir
    Path dir;

    @BeforeEach
    void startClusters() throws IOException {
        StringBuilder clusters = new StringBuilder();
        StringBuilder contexts = new StringBuilder();
        for (String name : new String[] {"eu-1", "us-1", "us-2"}) {
            SandboxServer server = SandboxServer.start();
            servers.put(name, server);
            clients.put(name, server.newClient());
            SampleApplication.install(clients.get(name), NS);
            clusters.append("- name: ").append(name).append("\n  cluster: {server: '").append(server.url()).append("'}\n");
            contexts.append("- name: ").append(name).append("\n  context: {cluster: ").append(name).append(", user: tester, namespace: ")
                    .append(NS).append("}\n");
        }
        kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters:\n" + clusters
                + "contexts:\n" + contexts + "current-context: eu-1\nusers:\n- name: tester\n  user: {}\n");
    }

    @AfterEach
    void stopClusters() {
        clients.values().forEach(KubernetesClient::close);
        servers.values().forEach(SandboxServer::close);
    }

    private CliRun grayctl(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--kubeconfig";
        all[1] = kubeconfig.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(all);
    }

    private io.jenkins.plugins.grayrelease.core.ReleaseStatus status(String cluster) {
        return new GrayRelease(clients.get(cluster), new Actor("test", "test"))
                .status(ReleaseTarget.builder(NS, "reviews").build());
    }

    private int canaryWeight(String cluster) {
        return status(cluster).weights().canary();
    }

    /** A plan file for the sample release in the three clusters, moving in {@code waves} (the YAML list under 'waves:'). */
    private Path threeClusterPlan(String waves) throws IOException {
        return Files.writeString(dir.resolve("plan.yaml"), """
                name: reviews-v2
                target: {namespace: shop, service: reviews, stable: v1, canary: v2}
                targets: [{cluster: eu-1}, {cluster: us-1}, {cluster: us-2}]
                waves:
                """ + waves);
    }

    @Test
    void oneWeightCommandWritesTheReleaseInEveryNamedCluster() {
        CliRun run = grayctl("weight", "reviews", "10", "--context", "eu-1", "--context", "us-1", "--context", "us-2",
                "--stable", "v1", "--canary", "v2");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("weight 10 %: done on 3 targets (eu-1/shop/reviews, us-1/shop/reviews, us-2/shop/reviews)");
        assertThat(List.of(canaryWeight("eu-1"), canaryWeight("us-1"), canaryWeight("us-2"))).containsExactly(10, 10, 10);
    }

    @Test
    void statusOfOneMemberShowsTheWholeFleet() {
        grayctl("weight", "reviews", "20", "--context", "eu-1", "--context", "us-2", "--stable", "v1", "--canary", "v2");

        CliRun run = grayctl("status", "reviews", "--context", "us-2");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("fleet reviews@eu-1,us-2: progressing");
        assertThat(run.out()).containsPattern("eu-1 +shop/reviews +20 %  progressing");
        assertThat(run.out()).containsPattern("us-2 +shop/reviews +20 %  progressing");
    }

    @Test
    void statusDocumentOfOneMemberCarriesEveryMemberAndMarksTheUnreadableOne() {
        grayctl("weight", "reviews", "20", "--context", "eu-1", "--context", "us-1", "--context", "us-2", "--stable", "v1", "--canary", "v2");
        servers.get("us-1").close();

        CliRun json = grayctl("status", "reviews", "--context", "us-2", "-o", "json");
        CliRun table = grayctl("status", "reviews", "--context", "us-2");

        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.json().at("/weights/canary").asInt()).isEqualTo(20);
        JsonNode fleet = json.json().get("fleet");
        assertThat(fleet.get("fleet").asText()).isEqualTo("reviews@eu-1,us-1,us-2");
        assertThat(fleet.get("phase").asText()).isEqualTo("UNKNOWN");
        assertThat(fleet.findValuesAsText("id")).containsExactly("eu-1/shop/reviews", "us-1/shop/reviews", "us-2/shop/reviews");
        JsonNode eu1 = fleet.at("/targets/0");
        assertThat(eu1.get("canaryWeight").asInt()).isEqualTo(20);
        assertThat(eu1.get("phase").asText()).isEqualTo("PROGRESSING");
        assertThat(eu1.get("reachable").asBoolean()).isTrue();
        assertThat(eu1.at("/lastChange/action").asText()).contains("20");
        JsonNode us1 = fleet.at("/targets/1");
        assertThat(us1.get("reachable").asBoolean()).isFalse();
        assertThat(us1.get("unreachable").asText()).isNotBlank();
        assertThat(us1.get("canaryWeight").isNull()).isTrue();
        assertThat(table.out()).contains("fleet reviews@eu-1,us-1,us-2: unknown")
                .containsPattern("us-1 +shop/reviews +\\?  unreachable: " + java.util.regex.Pattern.quote(us1.get("unreachable").asText()));
    }

    @Test
    void statusYamlOfAMemberHasTheFleetKey() {
        grayctl("weight", "reviews", "10", "--context", "eu-1", "--context", "us-2", "--stable", "v1", "--canary", "v2");

        CliRun yaml = grayctl("status", "reviews", "--context", "eu-1", "-o", "yaml");
        CliRun alone = grayctl("status", "reviews", "--context", "us-1", "-o", "yaml");

        assertThat(yaml.out()).contains("fleet:\n  fleet: \"reviews@eu-1,us-2\"\n  phase: PROGRESSING\n  targets:\n");
        assertThat(alone.out()).contains("fleet: null");
    }

    @Test
    void aClusterThatIsDownDuringTheRollbackIsNamedWithTheCommandThatFinishesIt() {
        grayctl("weight", "reviews", "30", "--context", "eu-1", "--context", "us-1", "--stable", "v1", "--canary", "v2");
        servers.get("us-1").close();

        CliRun run = grayctl("rollback", "reviews", "--context", "eu-1", "--context", "us-1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("us-1/shop/reviews: not rolled back: unreachable (")
                .contains("finish it with: grayctl rollback reviews --context us-1 -n shop (or resume the fleet release)");
        assertThat(canaryWeight("eu-1")).isZero();
    }

    @Test
    void aFleetPlanRunsWaveByWaveAndPromotesEveryCluster() throws IOException {
        Path plan = threeClusterPlan("""
                  - targets: [eu-1]
                    steps: [{setWeight: 10}, {approval: {message: 'On to the US?'}}]
                  - targets: [us-1, us-2]
                    steps: [{setWeight: 10}, {setWeight: 50}]
                """);

        CliRun run = grayctl("rollout", "-f", plan.toString(), "--yes");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("fleet release reviews-v2-f").contains("? Approval (step 2 of reviews-v2): On to the US? (wave 1: eu-1/shop/reviews)");
        assertThat(run.out()).contains("promote: done on 3 targets").containsPattern("fleet reviews-v2-f\\w+: promoted");
        for (String cluster : clients.keySet()) {
            assertThat(status(cluster).stable().subset()).as(cluster).isEqualTo("v2");
        }
    }

    @Test
    void grayctlDecideOnAnyMemberAnswersTheWaveApprovalTheFleetRolloutWaitsFor() throws Exception {
        Path plan = threeClusterPlan("""
                  - targets: [eu-1, us-1]
                    steps: [{setWeight: 10}, {approval: {message: 'On to us-2?'}}]
                  - targets: [us-2]
                    steps: [{setWeight: 50}]
                """);
        // Input closed (as in CI): the rollout waits for an answer recorded on the cluster.
        CompletableFuture<CliRun> rollout = CompletableFuture.supplyAsync(
                () -> grayctl("rollout", "-f", plan.toString()));
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> rollout.isDone() || status("us-1").phase() == Phase.PAUSED);

        CliRun waiting = grayctl("status", "reviews", "--context", "us-1", "-o", "json");
        assertThat(waiting.json().at("/phase").asText()).as(waiting.toString()).isEqualTo("PAUSED");
        assertThat(waiting.json().at("/pendingApproval/message").asText()).isEqualTo("On to us-2?");
        JsonNode rows = waiting.json().at("/fleet/targets");
        assertThat(List.of(rows.get(0).get("phase").asText(), rows.get(1).get("phase").asText())).containsExactly("PAUSED", "PAUSED");
        assertThat(rows.get(0).get("pendingApproval").asText()).isEqualTo("On to us-2?");
        assertThat(rows.get(2).get("phase").isNull()).as("us-2, not reached yet, has no record").isTrue();
        assertThat(waiting.json().at("/fleet/phase").asText()).isEqualTo("PAUSED");
        assertThat(canaryWeight("us-2")).isZero();

        CliRun decide = grayctl("decide", "reviews", "--context", "us-1", "promote");
        CliRun done = rollout.get(60, TimeUnit.SECONDS);

        assertThat(decide.exitCode()).as(decide.toString()).isZero();
        assertThat(done.exitCode()).as(done.toString()).isZero();
        assertThat(done.err()).contains("or answer from any shell: grayctl decide reviews --context eu-1 -n shop ")
                .contains("input closed: waiting for an answer from another shell");
        assertThat(done.out()).contains("promote: done on 3 targets");
        for (String cluster : clients.keySet()) {
            assertThat(status(cluster).stable().subset()).as(cluster).isEqualTo("v2");
            assertThat(status(cluster).phase()).as(cluster).isEqualTo(Phase.PROMOTED);
        }
    }

    @Test
    void aFleetRolloutWithJsonOutputPrintsOneDocumentNamingTheFailedTheUndoneAndTheUnfinishedTarget() throws IOException {
        Path plan = threeClusterPlan("""
                  - targets: [eu-1, us-1]
                    steps: [{setWeight: 10}]
                  - targets: [us-2]
                    steps: [{setWeight: 10}]
                """);
        servers.get("us-2").close();

        CliRun run = grayctl("rollout", "-f", plan.toString(), "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        JsonNode doc = run.json();
        assertThat(doc.get("result").asText()).isEqualTo("INCOMPLETE");
        assertThat(doc.at("/failed/target").asText()).isEqualTo("us-2/shop/reviews");
        assertThat(doc.at("/failed/unreachable").asBoolean()).isTrue();
        assertThat(doc.get("undone").findValuesAsText("target")).containsExactly("us-1/shop/reviews", "eu-1/shop/reviews");
        assertThat(doc.at("/unfinished/0/target").asText()).isEqualTo("us-2/shop/reviews");
        assertThat(doc.at("/unfinished/0/command").asText()).isEqualTo("grayctl rollback reviews --context us-2 -n shop");
        assertThat(doc.at("/fleet/targets/2/reachable").asBoolean()).isFalse();
        assertThat(doc.at("/fleet/targets/0/canaryWeight").asInt()).isZero();
        assertThat(run.out().trim()).endsWith("}").startsWith("{");
        assertThat(run.out().indexOf("\n{")).as("one document, not two").isEqualTo(-1);
    }
}
