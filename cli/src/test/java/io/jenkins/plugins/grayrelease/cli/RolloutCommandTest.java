package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.cli.demo.SampleApplication;
import io.jenkins.plugins.grayrelease.cli.demo.Sandbox;
import io.jenkins.plugins.grayrelease.cli.demo.SandboxKubeconfig;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.GrayRelease;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code grayctl rollout} against the embedded sandbox API server holding the demo's sample application. */
class RolloutCommandTest {
    @TempDir
    Path dir;

    Sandbox sandbox;
    KubernetesClient client;
    Path kubeconfig;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void startSandbox() throws IOException {
        sandbox = Sandbox.start();
        client = sandbox.newClient();
        SampleApplication.install(client);
        kubeconfig = Files.writeString(dir.resolve("kubeconfig"),
                SandboxKubeconfig.content(sandbox.url(), SampleApplication.NAMESPACE));
    }

    @AfterEach
    void stopSandbox() {
        client.close();
        sandbox.close();
    }

    CommandLine commandLine(String input) {
        Terminal terminal = new Terminal(new BufferedReader(new StringReader(input)), new PrintWriter(out, true),
                new PrintWriter(err, true), false);
        CommandLine commandLine = GrayCtl.commandLine(terminal);
        // Until RootCommand lists RolloutCommand among its subcommands (the lead's one-line change).
        if (!commandLine.getSubcommands().containsKey("rollout")) {
            commandLine.addSubcommand(new RolloutCommand());
        }
        return commandLine;
    }

    int grayctl(String input, String planYaml, String... extra) throws IOException {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), planYaml);
        CommandLine commandLine = commandLine(input);
        String[] args = new String[4 + extra.length];
        args[0] = "--kubeconfig";
        args[1] = kubeconfig.toString();
        args[2] = "rollout";
        args[3] = "-f" + plan;
        System.arraycopy(extra, 0, args, 4, extra.length);
        return commandLine.execute(args);
    }

    static String plan(String... steps) {
        return """
                name: reviews-v2
                target: {namespace: demo, service: reviews, stable: v1, canary: v2}
                steps:
                """ + String.join("", java.util.Arrays.stream(steps).map(s -> "  - " + s + "\n").toList());
    }

    Phase recordedPhase() {
        return new GrayRelease(client, new Actor("test", null)).status(SampleApplication.target()).state().phase();
    }

    @Test
    void yesRunsThePlanToPromotionWithProgressOnStderrAndStatusOnStdout() throws IOException {
        int code = grayctl("", plan("setWeight: 10", "approval: {message: 'Go to 50 %?'}", "setWeight: 50"), "--yes");

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).contains("[1/3] setWeight 10", "weight: canary 10 %", "promote (--yes)",
                "decision: promote by --yes", "PROMOTED");
        assertThat(out.toString()).contains("reviews").doesNotContain("[1/3]");
        assertThat(recordedPhase()).isEqualTo(Phase.PROMOTED);
    }

    @Test
    void approvalAnsweredRollbackOnStdinExitsWith4() throws IOException {
        int code = grayctl("rollback\n", plan("setWeight: 10", "approval: {}", "setWeight: 50"));

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.NOT_APPROVED);
        assertThat(err.toString()).contains("Approval (step 2 of reviews-v2)", "decision: rollback by");
        assertThat(recordedPhase()).isEqualTo(Phase.ROLLED_BACK);
    }

    @Test
    void analysisThatCannotReachPrometheusEndsInconclusiveRollsBackAndExitsWith3() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String plan = plan("setWeight: 10",
                "analysis: {interval: 10ms, inconclusiveTries: 2, metrics: [{name: success-rate, template: successRate, min: 99}]}")
                + "prometheus: {url: 'http://127.0.0.1:" + closedPort + "'}\n";

        int code = grayctl("", plan, "--yes");

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.ROLLED_BACK);
        assertThat(err.toString()).contains("cannot connect", "rolled back");
        assertThat(recordedPhase()).isEqualTo(Phase.ROLLED_BACK);
    }

    @Test
    void invalidPlanExitsWith2NamingLineAndFieldAndWritesNothing() throws IOException {
        int code = grayctl("", plan("setWeight: 10", "setWeight: 150"), "--yes");

        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(err.toString()).contains("error: plan.yaml line 5, column 5: steps[1].setWeight:", "got 150");
        assertThat(new GrayRelease(client, new Actor("test", null)).status(SampleApplication.target()).state()).isNull();
    }

    @Test
    void namespaceOptionContradictingThePlanIsRejected() throws IOException {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), plan("setWeight: 10"));

        int code = commandLine("").execute("--kubeconfig", kubeconfig.toString(), "-n", "shop", "rollout", "-f", plan.toString());

        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(err.toString()).contains("-n shop differs from the plan's target.namespace demo");
    }
}
