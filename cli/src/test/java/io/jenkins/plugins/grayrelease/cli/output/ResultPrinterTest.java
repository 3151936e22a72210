package io.jenkins.plugins.grayrelease.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.grayrelease.cli.OutputFormat;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.PlannedChange;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.state.LastChange;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import io.jenkins.plugins.grayrelease.core.workload.DeploymentSummary;
import io.jenkins.plugins.grayrelease.core.workload.ReleaseWorkloads;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code grayctl} prints: the engine's status document as JSON or YAML (its keys and order
 * are pinned in core's StatusDocumentTest), or a table for people.
 */
class ResultPrinterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ReleaseState RECORDED = new ReleaseState(Destination.subset("reviews", "v1"),
            Destination.subset("reviews", "v2"), 10, Phase.PROGRESSING, null,
            new LastChange("setWeight 10", "alice", Instant.parse("2026-11-26T06:00:00Z"), "grayctl"));

    private static final ReleaseStatus STATUS = new ReleaseStatus("shop", "reviews", RouteKind.VIRTUAL_SERVICE, "reviews", "primary",
            Destination.subset("reviews", "v1"), Destination.subset("reviews", "v2"), WeightSplit.canary(10),
            List.of(TesterMatch.header("end-user", "jason")), 0, RECORDED, null, List.of(), "42");

    private static String print(OutputFormat format, java.util.function.Consumer<ResultPrinter> what) {
        StringWriter out = new StringWriter();
        what.accept(new ResultPrinter(new PrintWriter(out, true), format));
        return out.toString();
    }

    @Test
    void statusJsonStartsWithTheDocumentedKeysAndWeightsAsAnObject() throws Exception {
        JsonNode json = JSON.readTree(print(OutputFormat.JSON, p -> p.status(STATUS)));

        assertThat(json.fieldNames()).toIterable().startsWith("namespace", "service", "routeKind", "routingObject", "route", "stable",
                "canary", "weights", "phase", "lastChange");
        assertThat(json.get("weights").toString()).isEqualTo("{\"stable\":90,\"canary\":10}");
        assertThat(json.get("stable").toString()).isEqualTo("{\"host\":\"reviews\",\"subset\":\"v1\"}");
        assertThat(json.get("phase").asText()).isEqualTo("PROGRESSING");
        assertThat(json.get("lastChange").get("at").asText()).isEqualTo("2026-11-26T06:00:00Z");
        assertThat(json.get("testers").get(0).toString())
                .isEqualTo("{\"kind\":\"header\",\"name\":\"end-user\",\"value\":\"jason\"}");
    }

    @Test
    void statusWithoutCanaryKeepsTheKeyAsNull() throws Exception {
        ReleaseStatus noCanary = new ReleaseStatus("shop", "reviews", RouteKind.VIRTUAL_SERVICE, "reviews", null, Destination.subset("reviews", "v1"), null,
                new WeightSplit(100, 0), List.of(), 0, null, "no release state recorded", List.of(), "1");

        JsonNode json = JSON.readTree(print(OutputFormat.JSON, p -> p.status(noCanary)));

        assertThat(json.has("canary")).isTrue();
        assertThat(json.get("canary").isNull()).isTrue();
        assertThat(json.get("lastChange").isNull()).isTrue();
    }

    @Test
    void dryRunResultCarriesThePlannedPatchAsJson() throws Exception {
        OperationResult dryRun = new OperationResult(STATUS, true, true,
                new PlannedChange("[{\"op\":\"replace\",\"path\":\"/spec/http/1/route/0/weight\",\"value\":90}]", "-  weight: 100\n+  weight: 90\n", false));

        JsonNode json = JSON.readTree(print(OutputFormat.JSON, p -> p.result(dryRun)));

        assertThat(json.get("weights").get("canary").asInt()).isEqualTo(10);
        assertThat(json.get("dryRun").asBoolean()).isTrue();
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("patch").isArray()).isTrue();
        assertThat(json.get("patch").get(0).get("op").asText()).isEqualTo("replace");
        assertThat(json.get("diff").asText()).contains("+  weight: 90");
    }

    @Test
    void writtenResultHasTheSameKeysAsADryRun() throws Exception {
        OperationResult written = new OperationResult(STATUS, false, false, new PlannedChange("[]", "", false));

        JsonNode json = JSON.readTree(print(OutputFormat.JSON, p -> p.result(written)));

        assertThat(json.get("dryRun").asBoolean()).isFalse();
        assertThat(json.get("patch").isArray()).isTrue();
        assertThat(json.get("patch").size()).isZero();
        assertThat(json.get("diff").asText()).isEmpty();
        assertThat(json.get("serverValidated").asBoolean()).isFalse();
    }

    @Test
    void yamlHasTheSameKeys() {
        String yaml = print(OutputFormat.YAML, p -> p.status(STATUS));

        assertThat(yaml).contains("namespace: shop", "weights:\n  stable: 90\n  canary: 10", "phase: PROGRESSING");
    }

    @Test
    void yamlQuotesTheResourceVersionSoParsersReadAStringAsInJson() {
        String yaml = print(OutputFormat.YAML, p -> p.status(STATUS));

        assertThat(yaml).contains("resourceVersion: \"42\"").doesNotContain("resourceVersion: 42\n");
        assertThat(yaml).contains("weights:\n  stable: 90\n  canary: 10");
    }

    @Test
    void tableShowsEachSideWithItsWeightAndABar() {
        String table = print(OutputFormat.TABLE, p -> p.status(STATUS));

        assertThat(table).contains("STABLE          reviews/v1            90 %  ███████████████████████████░░░")
                .contains("CANARY          reviews/v2            10 %  ███░░░░░░░░░░░░░░░░░░░░░░░░░░░")
                .contains("TESTERS         header end-user: jason")
                .contains("LAST CHANGE     setWeight 10 by alice at 2026-11-26T06:00:00Z (grayctl)");
    }

    @Test
    void tableShowsEachSidesDeploymentsUnderTheSideWithReadinessAndThePodsProblem() {
        ReleaseStatus read = STATUS.withWorkloads(new ReleaseWorkloads(
                List.of(new DeploymentSummary("reviews-v1", "example.org/reviews:1.0", 3, 3, null)),
                List.of(new DeploymentSummary("reviews-v2", "example.org/reviews:2.0", 1, 2,
                        "ImagePullBackOff: Back-off pulling image"))));

        String table = print(OutputFormat.TABLE, p -> p.status(read));

        assertThat(table).contains("STABLE          reviews/v1            90 %  ███████████████████████████░░░\n"
                + "  DEPLOYMENT    reviews-v1  example.org/reviews:1.0  3/3 ready\n"
                + "CANARY          reviews/v2            10 %  ")
                .contains("\n  DEPLOYMENT    reviews-v2  example.org/reviews:2.0  1/2 ready  ImagePullBackOff: Back-off pulling image\nPHASE");
    }

    @Test
    void tableWithoutReadWorkloadsHasNoDeploymentRowsAndOneWithNoneFoundSaysSo() {
        assertThat(print(OutputFormat.TABLE, p -> p.status(STATUS))).doesNotContain("DEPLOYMENT");
        assertThat(print(OutputFormat.TABLE, p -> p.status(STATUS.withWorkloads(new ReleaseWorkloads(List.of(), List.of())))))
                .contains("  DEPLOYMENT    none found\nCANARY");
    }

    @Test
    void dryRunTableSaysNothingWasWrittenAndShowsTheDiff() {
        OperationResult dryRun = new OperationResult(STATUS, true, true, new PlannedChange("[]", "-  weight: 100\n+  weight: 90\n", false));

        String table = print(OutputFormat.TABLE, p -> p.result(dryRun));

        assertThat(table).startsWith("Dry run: nothing was written. Planned change:\n-  weight: 100\n+  weight: 90\n");
    }

    @Test
    void tableShowsDriftAndAnUnusableRecordOnLinesOfTheirOwn() {
        ReleaseStatus drifted = new ReleaseStatus("shop", "reviews", RouteKind.VIRTUAL_SERVICE, "reviews", "primary", Destination.subset("reviews", "v1"),
                Destination.subset("reviews", "v2"), WeightSplit.canary(30), List.of(), 0, null,
                "the annotation grayrelease.jenkins.io/state is not valid JSON",
                List.of("the record says canary 10 %, the VirtualService sends 30 %"), "3");

        String table = print(OutputFormat.TABLE, p -> p.status(drifted));

        assertThat(table).contains("STATE           the annotation grayrelease.jenkins.io/state is not valid JSON\n")
                .contains("DRIFT           the record says canary 10 %, the VirtualService sends 30 %\n")
                .contains("LAST CHANGE     none recorded");
    }
}
