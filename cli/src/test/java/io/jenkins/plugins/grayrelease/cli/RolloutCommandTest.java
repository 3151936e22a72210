package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.sandbox.SampleApplication;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.analysis.OpenMetricsData;
import io.jenkins.plugins.grayrelease.core.analysis.OpenMetricsData.Traffic;
import io.jenkins.plugins.grayrelease.core.analysis.PrometheusFixture;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code grayctl rollout} in-process against the sandbox, a fresh sample namespace per test. */
class RolloutCommandTest extends SandboxCommandTest {

    /** {@code grayctl --kubeconfig … rollout -f plan.yaml EXTRA…} with {@code stdin} as the answers to prompts. */
    CliRun rollout(String stdin, String planYaml, String... extra) {
        List<String> args = new ArrayList<>(List.of("rollout", "-f", writePlan(planYaml).toString()));
        // Global options are inherited, so they may follow the command name too.
        args.addAll(List.of(extra));
        return CliRun.runWithInput(stdin, cluster.args(kubeconfig, args.toArray(String[]::new)));
    }

    Path writePlan(String yaml) {
        try {
            return Files.writeString(dir.resolve("plan.yaml"), yaml);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String plan(String... steps) {
        return """
                name: reviews-v2
                target: {namespace: %s, service: reviews, stable: v1, canary: v2}
                steps:
                """.formatted(namespace) + String.join("", Arrays.stream(steps).map(s -> "  - " + s + "\n").toList());
    }

    ReleaseState recorded() {
        ReleaseTarget target = ReleaseTarget.builder(namespace, SampleApplication.SERVICE).stableSubset("v1")
                .canarySubset("v2").build();
        return new GrayRelease(cluster.client(), new Actor("test", null)).status(target).state();
    }

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void yesRunsThePlanToPromotionWithProgressOnStderrAndStatusOnStdout() {
        CliRun run = rollout("", plan("setWeight: 10", "approval: {message: 'Go to 50 %?'}", "setWeight: 50"), "--yes");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).contains("[1/3] setWeight 10", "weight: canary 10 %", "promote (--yes)",
                "decision: promote by --yes", "PROMOTED");
        assertThat(run.out()).contains("reviews").doesNotContain("[1/3]");
        assertThat(primaryWeights()).containsExactly("v2=100");
    }

    @Test
    void resultOnStdoutFollowsTheOutputOptionWithTheStatusInside() {
        CliRun run = rollout("", plan("setWeight: 10"), "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(run.json().get("outcome").asText()).isEqualTo("PROMOTED");
        assertThat(run.json().get("stoppedAtStep").asInt()).isEqualTo(1);
        assertThat(run.json().get("status").get("phase").asText()).isEqualTo("PROMOTED");
        assertThat(run.json().get("status").get("weights").toString()).isEqualTo("{\"stable\":100,\"canary\":0}");
    }

    @Test
    void approvalAnsweredRollbackOnStdinExitsWith4() {
        CliRun run = rollout("rollback\n", plan("setWeight: 10", "approval: {}", "setWeight: 50"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.NOT_APPROVED);
        assertThat(run.err()).contains("Approval (step 2 of reviews-v2)", "decision: rollback by");
        assertThat(primaryWeights()).containsExactly("v1=100");
    }

    @Test
    void approvalAnsweredWeightOnStdinContinuesFromThatWeight() {
        CliRun run = rollout("weight 30\n", plan("setWeight: 10", "approval: {}", "pause: 10ms"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).contains("decision: setWeight 30 by", "weight: canary 30 %", "[3/3] pause 10ms");
    }

    @Test
    @Tag("prometheus")
    void errorSpikeSeenByARealPrometheusRollsBackAndExitsWith3() throws IOException {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        String metrics = new OpenMetricsData(Duration.ofSeconds(15))
                .add(new Traffic(namespace, "reviews", "v2", end.minus(Duration.ofHours(1)),
                        end.minus(Duration.ofMinutes(30)), 5, 0.0, 40))
                .add(new Traffic(namespace, "reviews", "v2", end.minus(Duration.ofMinutes(30)), end, 5, 0.25, 40))
                .text();
        try (PrometheusFixture prometheus = PrometheusFixture.start(Files.createDirectories(dir.resolve("prom")), metrics)) {
            // A 10m window reaches back past the end of the written data, as queries run at the real "now".
            String plan = plan("setWeight: 10", "analysis: {interval: 10ms, metrics: "
                    + "[{name: success-rate, template: successRate, interval: 10m, min: 99}]}")
                    + "prometheus: {url: '" + prometheus.url() + "'}\n";

            CliRun run = rollout("", plan, "--yes");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ROLLED_BACK);
            assertThat(run.err()).containsPattern("success-rate .*observed 7\\d.*threshold >= 99 → FAILED")
                    .contains("rolled back");
            // Under the release's table, the analysis' evidence in a few lines.
            assertThat(run.out()).contains("analysis step 2: FAILED", "success-rate  FAILED       observed 7", "threshold >= 99;");
            assertThat(primaryWeights()).containsExactly("v1=100");
        }
    }

    /**
     * The judge through grayctl: the counters stopped before the run (queries run at the real
     * "now", after the written data), so the canary serves no new request, the comparison cannot
     * decide and fails for too little traffic; {@code -o json} carries each check's evidence.
     */
    @Test
    @Tag("prometheus")
    void aComparisonWithoutNewRequestsRollsBackAndTheJsonCarriesItsEvidence() throws IOException {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        String metrics = new OpenMetricsData(Duration.ofSeconds(15))
                .add(new Traffic(namespace, "reviews", "v1", end.minus(Duration.ofMinutes(10)), end, 45, 0.0, 40))
                .add(new Traffic(namespace, "reviews", "v2", end.minus(Duration.ofMinutes(10)), end, 5, 0.0, 40))
                .text();
        try (PrometheusFixture prometheus = PrometheusFixture.start(Files.createDirectories(dir.resolve("prom")), metrics)) {
            String plan = plan("setWeight: 10", "analysis: {interval: 10ms, count: 3, compare: {}}")
                    + "prometheus: {url: '" + prometheus.url() + "'}\n";

            CliRun run = rollout("", plan, "--yes", "-o", "json");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ROLLED_BACK);
            assertThat(run.err()).contains("errors: WAITING — waiting for data: 0 of 100 canary requests");
            var analysis = run.json().get("analyses").get(0);
            assertThat(analysis.get("summary").asText()).startsWith("the canary served 0 requests in 3 measurements,"
                    + " fewer than minRequests 100");
            var errors = analysis.get("comparisons").get(0);
            assertThat(errors.get("check").asText()).isEqualTo("errors");
            assertThat(errors.get("state").asText()).isEqualTo("WAITING");
            assertThat(errors.get("queries").toString()).contains("destination_version=\\\"v2\\\"",
                    "destination_version=\\\"v1\\\"");
            assertThat(errors.get("stable").get("requests").asLong()).isZero();
            assertThat(errors.get("alpha").asDouble()).isCloseTo(0.05 / 3, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(primaryWeights()).containsExactly("v1=100");
        }
    }

    @Test
    void unreachablePrometheusExitsWith1BeforeAnyWrite() {
        String plan = plan("setWeight: 10", "analysis: {metrics: [{name: success-rate, template: successRate, min: 99}]}")
                + "prometheus: {url: 'http://127.0.0.1:" + closedPort() + "'}\n";

        CliRun run = rollout("", plan, "--yes");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("error: prometheus.url:", "cannot connect", "nothing was changed");
        assertThat(recorded()).isNull();
    }

    @Test
    void invalidPlanExitsWith2NamingLineAndFieldAndWritesNothing() {
        CliRun run = rollout("", plan("setWeight: 10", "setWeight: 150"), "--yes");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("error: plan.yaml line 5, column 5: steps[1].setWeight:", "got 150");
        assertThat(recorded()).isNull();
    }

    @Test
    void aMisspelledStepsKeyIsReportedWithTheKeyItResemblesAndNothingIsWritten() {
        String plan = plan("setWeight: 10").replace("steps:", "stepz:");

        CliRun run = rollout("", plan, "--yes");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).isEqualTo("error: plan.yaml line 3, column 1: stepz: unknown key 'stepz' at the top level;"
                + " did you mean 'steps'? ('steps' is required)\n"
                + "hint: allowed at the top level: analysis, canaryScale, name, prometheus, steps, target, targets, waves\n");
        assertThat(recorded()).isNull();
    }

    @Test
    void namespaceOptionContradictingThePlanIsRejected() {
        CliRun run = rollout("", plan("setWeight: 10"), "-n", "elsewhere");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("-n elsewhere differs from the plan's target.namespace " + namespace);
    }
}
