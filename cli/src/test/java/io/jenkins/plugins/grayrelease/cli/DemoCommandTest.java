package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.grayrelease.core.testing.DocPages;
import java.io.BufferedReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code grayctl demo}: the whole walk on its own sandbox, as the README and docs/grayctl.md promise. */
class DemoCommandTest {

    @Test
    void demoWithYesRunsToPromotionAndEverySplitFollowsTheWeightsWithinTwoPoints() {
        CliRun run = CliRun.run("-o", "json", "demo", "--yes");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("outcome").asText()).isEqualTo("PROMOTED");
        assertThat(json.get("steps").findValuesAsText("step")).hasSize(5);
        int checked = 0;
        for (JsonNode step : json.get("steps")) {
            JsonNode status = step.get("status");
            if (status == null || status.isNull()) {
                continue;
            }
            JsonNode managed = managedRoute(step, status.get("route").asText());
            double canaryShare = managed.path("versions").path(canarySubset(status)).asDouble() / managed.get("requests").asInt();
            int canaryWeight = status.get("canary").isNull() ? status.get("weights").get("stable").asInt()
                    : status.get("weights").get("canary").asInt();
            assertThat(100 * canaryShare).as(step.get("step").asText()).isCloseTo(canaryWeight, within(2.0));
            checked++;
        }
        assertThat(checked).isEqualTo(4);
        JsonNode last = json.get("final");
        assertThat(last.get("phase").asText()).isEqualTo("PROMOTED");
        assertThat(last.get("stable").get("subset").asText()).isEqualTo("v2");
        assertThat(run.err()).contains("? Approval (step 3 of grayctl-demo): v2 serves 10 %. Go on to 50 %?", "promote (--yes)",
                "demo finished in");
    }

    /** The side whose share is compared: the canary while there is one, else (after promotion) the stable side. */
    private static String canarySubset(JsonNode status) {
        return status.get("canary").isNull() ? status.get("stable").get("subset").asText() : status.get("canary").get("subset").asText();
    }

    private static JsonNode managedRoute(JsonNode step, String name) {
        for (JsonNode route : step.get("routes")) {
            if (route.get("name").asText().equals(name)) {
                return route;
            }
        }
        throw new AssertionError("no requests reached route " + name + " in " + step);
    }

    @Test
    void theDocumentedTranscriptsShowWhatTheDemoPrints() {
        StringWriter terminalScreen = new StringWriter();
        Terminal terminal = new Terminal(new BufferedReader(new java.io.StringReader("")), new PrintWriter(terminalScreen, true),
                new PrintWriter(terminalScreen, true), false);

        int exit = GrayCtl.run(terminal, "demo", "--yes");

        String printed = comparable(terminalScreen.toString());
        assertThat(exit).isZero();
        assertThat(printed).as("the whole transcript in docs/grayctl.md").isEqualTo(comparable(transcript("docs/grayctl.md")));
        // The README shows an excerpt: each stretch between lines of a lone '…' is printed as it stands.
        for (String stretch : comparable(transcript("README.md")).split("\n…\n")) {
            assertThat(printed).as("the README's excerpt").contains(stretch);
        }
    }

    /** The ```text block of {@code page} that starts with the demo's command line, without that line. */
    private static String transcript(String page) {
        String text = DocPages.read(page);
        String prompt = "```text\n$ ./grayctl demo --yes\n";
        int at = text.indexOf(prompt);
        assertThat(at).as(page + " shows the demo's transcript").isNotNegative();
        int start = at + prompt.length();
        return text.substring(start, text.indexOf("```", start));
    }

    /** Without what differs from run to run: the port, the time of the last change, the duration. */
    private static String comparable(String transcript) {
        return transcript.replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT")
                .replaceAll("by \\S+ at \\S+Z", "by USER at TIME")
                .replaceAll("finished in [\\d.]+ s", "finished in N s");
    }

    @Test
    void demoKeepsTheTeamsHeaderRouteOnStableThroughout() {
        JsonNode json = CliRun.run("-o", "json", "demo", "--yes").json();

        for (JsonNode step : json.get("steps")) {
            JsonNode partner = step.get("routes").get(0);
            assertThat(partner.get("name").asText()).isEqualTo("partner-acme");
            assertThat(partner.get("versions").fieldNames()).toIterable().containsExactly("v1");
        }
    }

    @Test
    void demoTableShowsEveryStepWithBarsAndTheFinalState() {
        CliRun run = CliRun.run("demo", "--yes");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("[1] start", "[2] tester route", "[3] canary weight 10 %", "[4] canary weight 50 %",
                        "[5] promoted")
                .contains("primary", "→ v1 90 %, v2 10 %", "→ v1 50 %, v2 50 %")
                .contains("4000 simulated requests (header routes first, then weights):")
                .containsPattern("v2 +█+░* +\\d+ +\\d+\\.\\d %")
                .contains("Final state: promoted.")
                .contains("PHASE           PROMOTED");
        assertThat(run.err()).contains("» sandbox API server started at http://127.0.0.1:");
    }

    @Test
    void demoAsksOnStdinAndGoesOnWhenTheAnswerIsYes() {
        CliRun run = CliRun.runWithInput("y\n", "demo");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("Go on to 50 %?").doesNotContain("(--yes)");
        assertThat(run.out()).contains("Final state: promoted.");
    }

    @Test
    void demoRollsBackAndExitsWithFourWhenTheAnswerIsNo() {
        CliRun run = CliRun.runWithInput("n\n", "-o", "json", "demo");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        JsonNode json = run.json();
        assertThat(json.get("outcome").asText()).isEqualTo("ROLLED_BACK_BY_DECISION");
        assertThat(json.get("final").get("phase").asText()).isEqualTo("ROLLED_BACK");
        assertThat(json.get("final").get("weights").get("stable").asInt()).isEqualTo(100);
        assertThat(json.get("steps").findValuesAsText("step")).doesNotContain("canary weight 50 %");
    }

    @Test
    void demoWithoutAnyAnswerIsNotApproved() {
        CliRun run = CliRun.runWithInput("", "demo");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains("input closed: taking rollback");
    }

    @Test
    void demoRejectsANonPositiveRequestCount() {
        CliRun run = CliRun.run("demo", "--yes", "--requests", "0");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("error: --requests 0 is not a positive number");
    }

    @Test
    void demoKeepPrintsAKubeconfigThatTheOtherCommandsCanUseUntilStopped() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PipedWriter neverAnswered = new PipedWriter();
        Terminal terminal = new Terminal(new BufferedReader(new PipedReader(neverAnswered)), new PrintWriter(out, true),
                new PrintWriter(err, true), false);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread demo = new Thread(() -> exit.set(GrayCtl.run(terminal, "demo", "--yes", "--keep")));
        demo.start();
        Pattern kubeconfigLine = Pattern.compile("Its kubeconfig: (\\S+)");
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> kubeconfigLine.matcher(out.toString()).find() || !demo.isAlive());
        Matcher m = kubeconfigLine.matcher(out.toString());
        assertThat(m.find()).as(out + "\n" + err).isTrue();
        Path kubeconfig = Path.of(m.group(1));

        CliRun status = CliRun.run("--kubeconfig", kubeconfig.toString(), "-o", "json", "status", "reviews");
        CliRun weight = CliRun.run("--kubeconfig", kubeconfig.toString(), "weight", "reviews", "20", "--canary", "v1");

        demo.interrupt();
        demo.join(Duration.ofMinutes(1).toMillis());
        neverAnswered.close();
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.json().get("namespace").asText()).isEqualTo("demo");
        assertThat(status.json().get("phase").asText()).isEqualTo("PROMOTED");
        assertThat(weight.exitCode()).as(weight.toString()).isZero();
        assertThat(out.toString()).contains("Stop it with Ctrl-C.");
        assertThat(demo.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
        assertThat(Files.readString(kubeconfig)).contains("server: http://127.0.0.1:");
    }
}
