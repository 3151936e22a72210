package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.grayrelease.core.testing.Workloads;
import io.jenkins.plugins.grayrelease.core.testing.Workloads.PodState;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What grayctl shows and does about the workloads: deploy waits for the canary's pods (progress on
 * stderr), {@code --canary-scale}, the Deployments in {@code status}, and {@code status --watch}.
 * The sandbox reports written Deployments rolled out at once; a test that needs pods that do not get
 * ready turns that off and writes pod statuses by hand.
 */
class WorkloadCommandsTest extends SandboxCommandTest {

    private Deployment deployment(String name) {
        return cluster.client().apps().deployments().inNamespace(namespace).withName(name).get();
    }

    private void pod(String name, String version, PodState state) {
        cluster.client().pods().inNamespace(namespace)
                .resource(Workloads.pod(namespace, name, Map.of("app", "reviews", "version", version), state)).createOr(p -> p.update());
    }

    @Test
    void deployWaitsForTheCanarysPodsAndTellsItsProgressOnStderr() {
        CliRun run = grayctl("-o", "json", "deploy", "reviews", "--image", "example.org/reviews:3", "--version", "v3", "--replicas", "3",
                "--stable", "v1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("» " + namespace + "/Deployment/reviews-v3: 3 of 3 canary pods ready");
        assertThat(run.json().get("deployment").get("name").asText()).isEqualTo("reviews-v3");
    }

    @Test
    void deployWhosePodsCrashFailsByItsTimeoutNamingTheReasonAndRoutesNothing() {
        pod("reviews-v3-a", "v3", PodState.CRASH_LOOP);
        String routes = cluster.virtualService(namespace).getSpec().toString();

        CliRun run;
        cluster.simulateRollouts(false);
        try {
            run = grayctl("deploy", "reviews", "--image", "example.org/reviews:3", "--version", "v3", "--stable", "v1", "--timeout", "1s");
        } finally {
            cluster.simulateRollouts(true);
        }

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("error: " + namespace + "/Deployment/reviews-v3: not ready after 1s: ")
                .contains("CrashLoopBackOff (1 pod, e.g. reviews-v3-a: back-off 1m20s restarting failed container")
                .contains("Nothing was routed to it");
        assertThat(cluster.virtualService(namespace).getSpec().toString()).isEqualTo(routes);
    }

    @Test
    void noWaitAndATimeoutTogetherAreAUsageError() {
        CliRun run = grayctl("deploy", "reviews", "--image", "example.org/reviews:3", "--version", "v3", "--no-wait", "--timeout", "1m");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("--timeout with --no-wait");
        assertThat(deployment("reviews-v3")).isNull();
    }

    @Test
    void weightWithCanaryScaleGivesTheCanaryItsShareOfTheStablesReplicasFirst() {
        cluster.client().apps().deployments().inNamespace(namespace).withName("reviews-v2").edit(d -> {
            d.getSpec().setReplicas(1);
            return d;
        });

        CliRun run = grayctl("weight", "reviews", "60", "--stable", "v1", "--canary", "v2", "--canary-scale", "traffic");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(deployment("reviews-v2").getSpec().getReplicas()).isEqualTo(2); // ceil(2 x 60 / 100)
        assertThat(run.err()).contains("» " + namespace + "/Deployment/reviews-v2: canary scaled up to 2 replicas");
        assertThat(run.err().indexOf("canary scaled up")).isLessThan(run.err().indexOf("2 of 2 canary pods ready"));
    }

    @Test
    void aBadCanaryScaleIsAUsageErrorSayingWhatIsAllowed() {
        CliRun run = grayctl("weight", "reviews", "10", "--canary-scale", "half");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("'half' is not a canary scale; write 'traffic'");
    }

    @Test
    void statusShowsEachSidesDeploymentsWithReadyOfDesiredAndThePodsProblem() {
        grayctl("weight", "reviews", "10", "--stable", "v1", "--canary", "v2");
        Workloads.storeStatus(cluster.client(), Workloads.withStatus(deployment("reviews-v1"), Workloads.status(1, 2, 2, 2)));
        Workloads.storeStatus(cluster.client(), Workloads.withStatus(deployment("reviews-v2"), Workloads.status(1, 2, 2, 0)));
        pod("reviews-v2-a", "v2", PodState.IMAGE_PULL_BACK_OFF);

        CliRun table = grayctl("status", "reviews");
        CliRun json = grayctl("-o", "json", "status", "reviews");

        assertThat(table.out()).containsPattern("STABLE .*\\n  DEPLOYMENT    reviews-v1  \\S+  2/2 ready\\nCANARY")
                .contains("  DEPLOYMENT    reviews-v2  ")
                .contains("  0/2 ready  ImagePullBackOff (1 pod, e.g. reviews-v2-a: Back-off pulling image \"example.org/app:9\")");
        assertThat(json.json().get("workloads").get("canary").get(0).get("readyReplicas").asInt()).isZero();
        assertThat(json.json().get("workloads").get("canary").get(0).get("problem").asText()).startsWith("ImagePullBackOff");
    }

    @Test
    void statusWatchRedrawsWhenTheWeightChangesAndStopsAtItsTimeout() {
        StringWriter out = new StringWriter();
        Terminal terminal = new Terminal(new BufferedReader(new StringReader("")), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), false);
        grayctl("weight", "reviews", "10", "--stable", "v1", "--canary", "v2");
        CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() -> GrayCtl.run(terminal,
                cluster.args(kubeconfig, "status", "reviews", "--watch", "--timeout", "5s")));
        await().until(() -> out.toString().contains("CANARY"));
        assertThat(out.toString()).doesNotContain("-".repeat(40));

        grayctl("weight", "reviews", "30");

        await().atMost(Duration.ofSeconds(4)).until(() -> out.toString().contains("-".repeat(40)));
        assertThat(watch.join()).isZero();
        String redrawn = out.toString().substring(out.toString().lastIndexOf("-".repeat(40)));
        assertThat(redrawn).containsPattern("CANARY +reviews/v2 +30 %");
        assertThat(out.toString().split("-{40}")).hasSize(2);
    }
}
