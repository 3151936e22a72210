package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.grayrelease.core.it.SampleRelease;
import io.jenkins.plugins.grayrelease.core.it.workloads.PodBehaviour;
import io.jenkins.plugins.grayrelease.core.it.workloads.ReleaseWithWorkloads;
import io.jenkins.plugins.grayrelease.core.it.workloads.WorkloadCluster;
import io.jenkins.plugins.grayrelease.core.it.workloads.WorkloadsTest;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** grayctl against a control plane that runs Deployments: what a user sees while deploy waits, and status --watch. */
@WorkloadsTest
class WorkloadCommandsOnAControlPlaneTest {

    private static CliRun grayctl(WorkloadCluster cluster, String ns, String... args) {
        List<String> all = new ArrayList<>(List.of("--kubeconfig", cluster.kubeconfig().toString(), "-n", ns));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void deployPrintsTheCanarysProgressOnStderrUntilItsPodsAreReady(WorkloadCluster cluster) {
        SampleRelease release = ReleaseWithWorkloads.install(cluster, "cli-deploy", 2, PodBehaviour.startDelay(Duration.ofSeconds(2)));
        String ns = release.namespace();

        CliRun run = grayctl(cluster, ns, "-o", "json", "deploy", "reviews", "--image", "registry.example/reviews:2.0", "--version", "v2",
                "--stable", "v1", "--canary", "v2");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("» " + ns + "/Deployment/reviews-v2: 0 of 2 canary pods ready")
                .endsWith("» " + ns + "/Deployment/reviews-v2: 2 of 2 canary pods ready\n");
        assertThat(run.json().get("workloads").get("canary").get(0).get("readyReplicas").asInt()).isEqualTo(2);
    }

    @Test
    void statusWatchRedrawsWhenTheCanarysPodsStartCrashing(WorkloadCluster cluster) {
        SampleRelease release = ReleaseWithWorkloads.install(cluster, "cli-watch", 1, Map.of());
        String ns = release.namespace();
        assertThat(grayctl(cluster, ns, "deploy", "reviews", "--image", "registry.example/reviews:2.0", "--version", "v2",
                "--stable", "v1", "--canary", "v2").exitCode()).isZero();
        assertThat(grayctl(cluster, ns, "weight", "reviews", "10", "--stable", "v1", "--canary", "v2").exitCode()).isZero();
        StringWriter out = new StringWriter();
        Terminal terminal = new Terminal(new BufferedReader(new StringReader("")), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), false);
        int[] exit = {-1};
        Thread watch = new Thread(() -> exit[0] = GrayCtl.run(terminal,
                "--kubeconfig", cluster.kubeconfig().toString(), "-n", ns, "status", "reviews", "--watch"));
        watch.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("reviews-v2  registry.example/reviews:2.0  1/1 ready"));

        cluster.client().pods().inNamespace(ns).withLabel("version", "v2").list().getItems()
                .forEach(p -> PodBehaviour.CRASH_LOOP.simulateOn(cluster.client(), p));

        await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("0/1 ready  CrashLoopBackOff"));
        String redrawn = out.toString().substring(out.toString().lastIndexOf("-".repeat(40)));
        assertThat(redrawn).contains("CANARY").contains("0/1 ready  CrashLoopBackOff (1 pod, e.g. reviews-v2-");
        // In-process, an interrupt stands for Ctrl-C: the watch ends and grayctl exits 0.
        watch.interrupt();
        await().atMost(Duration.ofSeconds(10)).until(() -> !watch.isAlive());
        assertThat(exit[0]).isZero();
    }
}
