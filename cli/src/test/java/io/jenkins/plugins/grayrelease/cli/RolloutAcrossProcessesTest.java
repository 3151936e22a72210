package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.jenkins.plugins.grayrelease.core.it.ApiServerTest;
import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import io.jenkins.plugins.grayrelease.core.it.SampleRelease;
import io.jenkins.plugins.grayrelease.core.it.StoredRoutes;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import io.jenkins.plugins.grayrelease.core.state.ReleaseStateCodec;
import io.jenkins.plugins.grayrelease.core.testing.Workloads;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #19 on a real API server, with grayctl as separate processes that share nothing but the
 * cluster: a rollback from another shell stops a rollout (part 1), a changed canary image is asked
 * again on --resume (part 3), {@code grayctl decide} answers a waiting rollout whose input is closed
 * (part 4, with the answer-to-continue latency printed), SIGTERM prints the final document (part 5).
 */
@ApiServerTest
class RolloutAcrossProcessesTest {

    private static final Pattern RUN_ID = Pattern.compile("» run (r-[0-9a-f]{8})");

    @TempDir
    Path dir;

    private Path plan(String namespace, String steps) throws IOException {
        Path file = dir.resolve("plan-" + namespace + ".yaml");
        Files.writeString(file, "name: reviews-v2\ntarget: {namespace: " + namespace
                + ", service: reviews, route: primary, stable: v1, canary: v2}\nsteps:\n" + steps);
        return file;
    }

    private GrayctlProcess grayctl(RealApiServer server, String namespace, String stdin, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--kubeconfig", server.kubeconfig().toString(), "-n", namespace));
        all.addAll(List.of(args));
        return GrayctlProcess.start(dir, stdin, all.toArray(String[]::new));
    }

    @Test
    void aRollbackFromAnotherProcessStopsAPausedRolloutWhichSaysWhoAndExitsFive(RealApiServer server) throws Exception {
        SampleRelease release = SampleRelease.install(server, "rollback-wins");
        Path plan = plan(release.namespace(), "  - setWeight: 10\n  - pause: 1h\n  - setWeight: 50\n");
        List<long[]> events = new CopyOnWriteArrayList<>();
        Watch watch = watchRecords(server, release.namespace(), events);

        try (GrayctlProcess rollout = grayctl(server, release.namespace(), "", "-o", "json", "rollout", "-f", plan.toString())) {
            rollout.awaitErr("[2/3] pause 1h");
            try (GrayctlProcess rollback = grayctl(server, release.namespace(), "", "rollback", "reviews")) {
                assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
            }

            assertThat(rollout.exitCode()).as(rollout.toString()).isEqualTo(ExitCodes.STOPPED_ELSEWHERE);
            long rolledBack = events.stream().filter(e -> e[4] == Phase.ROLLED_BACK.ordinal()).mapToLong(e -> e[0]).min().orElseThrow();
            // Printed, not asserted: from the rollback stored to the paused rollout's process gone (JVM exit included).
            System.out.printf("rollback stored by another process -> paused rollout exited: %.0f ms%n",
                    (rollout.exitedAt() - rolledBack) / 1e6);
            JsonNode result = rollout.json();
            assertThat(result.get("outcome").asText()).isEqualTo("STOPPED_ELSEWHERE");
            assertThat(result.get("message").asText()).startsWith("rolled back by ").contains("(grayctl)", "during step 2 (pause 1h)");
            assertThat(result.get("status").get("phase").asText()).isEqualTo("ROLLED_BACK");
            assertThat(rollout.err()).doesNotContain("weight: canary 50 %");
        }
        watch.close();
        StoredRoutes stored = release.stored();
        assertThat(stored.weight("primary", "v1")).isEqualTo(100);
        assertThat(stored.weight("primary", "v2")).isZero();
    }

    @Test
    void sigtermDuringAPauseRecordsAbortedPrintsTheFinalDocumentAndExits143(RealApiServer server) throws Exception {
        SampleRelease release = SampleRelease.install(server, "sigterm");
        Path plan = plan(release.namespace(), "  - setWeight: 20\n  - pause: 1h\n  - setWeight: 50\n");

        try (GrayctlProcess rollout = grayctl(server, release.namespace(), "", "-o", "json", "rollout", "-f", plan.toString())) {
            rollout.awaitErr("[2/3] pause 1h");
            rollout.terminate();

            assertThat(rollout.exitCode()).as(rollout.toString()).isEqualTo(ExitCodes.TERMINATED);
            JsonNode result = rollout.json();
            assertThat(result.get("outcome").asText()).isEqualTo("CANCELLED");
            assertThat(result.get("message").asText()).contains("cancelled in step 2", "stable 80 % / canary 20 %");
            assertThat(result.get("status").get("phase").asText()).isEqualTo("ABORTED");
            assertThat(result.get("status").get("weights").get("canary").asInt()).isEqualTo(20);
        }
        assertThat(release.stored().weight("primary", "v2")).isEqualTo(20);
    }

    @Test
    void resumeWithAChangedCanaryImageAsksTheApprovalAgain(RealApiServer server) throws Exception {
        SampleRelease release = SampleRelease.install(server, "resume-image");
        String ns = release.namespace();
        // The sample runs a reviews-v2 Deployment for subset v2; the approval below is given for its image 2.0.
        rollOutCanaryImage(server, ns, "example.org/reviews:2.0");
        Path plan = plan(ns, "  - setWeight: 10\n  - approval: {message: 'Promote 2.0?'}\n  - pause: 1h\n  - setWeight: 50\n");

        String runId;
        try (GrayctlProcess first = grayctl(server, ns, "promote\n", "rollout", "-f", plan.toString())) {
            first.awaitErr("[3/4] pause 1h");
            first.terminate();
            assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.TERMINATED);
            Matcher m = RUN_ID.matcher(first.err());
            assertThat(m.find()).as(first.err()).isTrue();
            runId = m.group(1);
        }
        try (GrayctlProcess same = grayctl(server, ns, "", "rollout", "-f", plan.toString(), "--resume", runId)) {
            same.awaitErr("[3/4] pause 1h");
            same.terminate();
            same.exitCode();
            assertThat(same.err()).contains("Resuming rollout reviews-v2 at step 3 of 4").doesNotContain("? Approval");
        }
        rollOutCanaryImage(server, ns, "example.org/reviews:2.1-nobody-approved");

        try (GrayctlProcess changed = grayctl(server, ns, "", "rollout", "-f", plan.toString(), "--resume", runId)) {
            changed.awaitErr("? Approval (step 2 of reviews-v2): Promote 2.0?");
            changed.terminate();
            changed.exitCode();
            assertThat(changed.err()).contains("the canary's pod template (image, env, args) changed since its approvals",
                    "starting over, approvals are asked again");
        }
        assertThat(release.stored().weight("primary", "v2")).as("never beyond the first step's weight").isEqualTo(10);
    }

    @Test
    void decideFromASecondProcessAnswersARolloutWaitingWithClosedInput(RealApiServer server) throws Exception {
        SampleRelease release = SampleRelease.install(server, "decide");
        String ns = release.namespace();
        Path plan = plan(ns, """
                  - setWeight: 10
                  - approval: {message: 'Go to 20?', timeout: 10m}
                  - setWeight: 20
                  - approval: {message: 'Go to 30?', timeout: 10m}
                  - setWeight: 30
                  - approval: {message: 'Promote?', timeout: 10m}
                """);
        List<long[]> events = new CopyOnWriteArrayList<>();
        Watch watch = watchRecords(server, ns, events);
        List<Double> latencies = new ArrayList<>();
        try (GrayctlProcess rollout = grayctl(server, ns, "", "-o", "json", "rollout", "-f", plan.toString())) {
            rollout.awaitErr("input closed: waiting for an answer from another shell until the timeout (after 10m: rollback): grayctl -n "
                    + ns + " decide reviews abort|promote|rollback|weight N");
            CliRun status = CliRun.run("--kubeconfig", server.kubeconfig().toString(), "-n", ns, "status", "reviews");
            assertThat(status.out()).contains("WAITING", "approval, step 2 of reviews-v2", "Go to 20?",
                    "ANSWER WITH     grayctl -n " + ns + " decide reviews abort|promote|rollback|weight N");
            for (int step = 1; step <= 5; step += 2) {
                rollout.awaitErr("? Approval (step " + (step + 1) + " of reviews-v2)");
                try (GrayctlProcess decide = grayctl(server, ns, "", "decide", "reviews", "promote")) {
                    assertThat(decide.exitCode()).as(decide.toString()).isZero();
                    assertThat(decide.err()).contains("answered promote as ").doesNotContain("not confirmed");
                }
                latencies.add(answerToContinueMillis(events, step));
            }
            assertThat(rollout.exitCode()).as(rollout.toString()).isZero();
            assertThat(rollout.json().get("outcome").asText()).isEqualTo("PROMOTED");
            assertThat(rollout.err()).containsPattern("decision: promote by \\S+");
        } finally {
            watch.close();
        }
        // Printed, not asserted: from the answer stored by 'grayctl decide' to the waiting run's next stored write.
        System.out.printf("grayctl decide -> waiting rollout continues (answer stored to next write stored): %s ms%n",
                latencies.stream().map(l -> String.format("%.0f", l)).toList());
        assertThat(release.stored().weight("primary", "v2")).isEqualTo(100);
    }

    /** Each stored version of the VirtualService: {arrival nanos, step (-1: no rollout), 1 when answered, 1 when done, phase}. */
    private static Watch watchRecords(RealApiServer server, String ns, List<long[]> events) {
        return server.client().genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE).inNamespace(ns).withName("reviews")
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, GenericKubernetesResource vs) {
                        long now = System.nanoTime();
                        vs.getMetadata().getAnnotations().forEach((key, value) -> {
                            if (key.startsWith("grayrelease.jenkins.io/")) {
                                ReleaseState state = ReleaseStateCodec.decode(value, key).state();
                                if (state != null) {
                                    var r = state.rollout();
                                    events.add(new long[] {now, r == null ? -1 : r.step(), r != null && r.answer() != null ? 1 : 0,
                                            r != null && r.isDone() ? 1 : 0, state.phase().ordinal()});
                                }
                            }
                        });
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                });
    }

    private static double answerToContinueMillis(List<long[]> events, int step) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(1)).until(() ->
                events.stream().anyMatch(e -> e[1] == step && e[3] == 1));
        long answered = events.stream().filter(e -> e[1] == step && e[2] == 1).mapToLong(e -> e[0]).min().orElseThrow();
        long continued = events.stream().filter(e -> e[1] == step && e[3] == 1).mapToLong(e -> e[0]).min().orElseThrow();
        return (continued - answered) / 1e6;
    }

    /**
     * Gives the canary Deployment a new image and, as its controller would on a cluster (this API
     * server runs none), the status of a finished rollout, so the readiness gate lets traffic to it.
     */
    private static void rollOutCanaryImage(RealApiServer server, String ns, String image) {
        Deployment edited = server.client().apps().deployments().inNamespace(ns).withName("reviews-v2").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
            return d;
        });
        server.client().apps().deployments().inNamespace(ns).resource(Workloads.rolledOut(edited)).updateStatus();
    }
}
