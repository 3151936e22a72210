package io.jenkins.plugins.grayrelease.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.PlannedChange;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult.Outcome;
import io.jenkins.plugins.grayrelease.core.state.LastChange;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import io.jenkins.plugins.grayrelease.core.workload.DeploymentSummary;
import io.jenkins.plugins.grayrelease.core.workload.ReleaseWorkloads;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one document scripts read, from grayctl's JSON/YAML and from the Jenkins steps alike: keys, order, values. */
class StatusDocumentTest {

    static final Destination V1 = Destination.subset("reviews", "v1");
    static final Destination V2 = Destination.subset("reviews", "v2");

    static final ReleaseStatus STATUS = new ReleaseStatus("shop", "reviews", RouteKind.VIRTUAL_SERVICE, "reviews", "primary", V1, V2,
            WeightSplit.canary(10), List.of(TesterMatch.header("end-user", "jason")), 5,
            new ReleaseState(V1, V2, 10, Phase.PROGRESSING, null,
                    new LastChange("setWeight 10", "alice", Instant.parse("2026-11-26T06:00:00Z"), "grayctl")),
            null, List.of("the record says canary 20 %, the VirtualService sends 10 %"), "42");

    @Test
    void statusHasEveryKeyInTheDocumentedOrder() {
        Map<String, Object> doc = StatusDocument.of(STATUS);

        assertThat(doc.keySet()).containsExactly("namespace", "service", "routeKind", "routingObject", "route", "stable", "canary",
                "weights", "phase", "lastChange", "testers", "mirrorPercent", "drift", "stateProblem", "resourceVersion",
                "pendingApproval", "workloads", "fleet");
        assertThat(doc).containsEntry("weights", Map.of("stable", 90, "canary", 10))
                .containsEntry("stable", Map.of("host", "reviews", "subset", "v1"))
                .containsEntry("phase", "PROGRESSING")
                .containsEntry("mirrorPercent", 5)
                .containsEntry("drift", List.of("the record says canary 20 %, the VirtualService sends 10 %"))
                .containsEntry("resourceVersion", "42");
        assertThat(doc.get("lastChange")).isEqualTo(Map.of("action", "setWeight 10", "by", "alice",
                "at", "2026-11-26T06:00:00Z", "origin", "grayctl"));
        assertThat(doc.get("testers")).isEqualTo(List.of(Map.of("kind", "header", "name", "end-user", "value", "jason")));
    }

    @Test
    void statusWithoutRecordOrCanaryKeepsTheKeysAsNullAndSaysWhy() {
        ReleaseStatus unrecorded = new ReleaseStatus("shop", "reviews", RouteKind.VIRTUAL_SERVICE, "reviews", null, V1, null, new WeightSplit(100, 0),
                List.of(), 0, null, "no release state recorded", List.of(), "1");

        Map<String, Object> doc = StatusDocument.of(unrecorded);

        assertThat(doc).containsEntry("canary", null).containsEntry("phase", null).containsEntry("lastChange", null)
                .containsEntry("stateProblem", "no release state recorded").containsEntry("route", null);
        assertThat(doc).hasSize(18).containsEntry("workloads", null).containsEntry("fleet", null);
    }

    @Test
    void anHttpRouteReleaseNamesItsRoutingObjectsKind() {
        ReleaseStatus onHttpRoute = new ReleaseStatus("shop", "reviews", RouteKind.HTTP_ROUTE, "reviews", "main",
                Destination.host("reviews-stable"), Destination.host("reviews-canary"), new WeightSplit(90, 10),
                List.of(), 0, null, null, List.of(), "7");

        Map<String, Object> doc = StatusDocument.of(onHttpRoute);

        assertThat(doc).containsEntry("routeKind", "HTTPRoute").containsEntry("routingObject", "reviews");
        assertThat(doc.get("canary")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("host", "reviews-canary").containsEntry("subset", null);
    }

    @Test
    void workloadsShowEachSidesDeploymentsWithReadinessAndThePodsProblem() {
        ReleaseStatus read = STATUS.withWorkloads(new ReleaseWorkloads(
                List.of(new DeploymentSummary("reviews-v1", "example.org/reviews:1.0", 3, 3, null)),
                List.of(new DeploymentSummary("reviews-v2", "example.org/reviews:2.0", 1, 2,
                        "ImagePullBackOff: Back-off pulling image \"example.org/reviews:2.0\""))));

        Map<String, Object> doc = StatusDocument.of(read);

        Map<String, Object> canary = new LinkedHashMap<>();
        canary.put("name", "reviews-v2");
        canary.put("image", "example.org/reviews:2.0");
        canary.put("readyReplicas", 1);
        canary.put("replicas", 2);
        canary.put("problem", "ImagePullBackOff: Back-off pulling image \"example.org/reviews:2.0\"");
        assertThat(doc.get("workloads")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("stable", "canary", "problem").containsEntry("canary", List.of(canary)).containsEntry("problem", null);
        Map<?, ?> stable = (Map<?, ?>) ((List<?>) ((Map<?, ?>) doc.get("workloads")).get("stable")).get(0);
        assertThat(new ArrayList<Object>(stable.keySet())).containsExactly("name", "image", "readyReplicas", "replicas", "problem");
        assertThat(stable.get("problem")).isNull();
    }

    @Test
    void phaseAndLastChangeAreTheRecordedOnes() {
        assertThat(STATUS.phase()).isEqualTo(STATUS.state().phase());
        assertThat(STATUS.lastChange()).isEqualTo(STATUS.state().lastChange());
    }

    @Test
    void operationResultAddsWhatWasWrittenAfterTheStatus() {
        OperationResult dryRun = new OperationResult(STATUS, true, true, new PlannedChange(
                "[{\"op\":\"replace\",\"path\":\"/spec/http/1/route/0/weight\",\"value\":90}]", "-  weight: 100\n+  weight: 90\n", true));

        Map<String, Object> doc = StatusDocument.of(dryRun);

        assertThat(new ArrayList<>(doc.keySet()).subList(18, doc.size()))
                .containsExactly("changed", "dryRun", "patch", "diff", "serverValidated", "notes");
        assertThat(doc).containsEntry("changed", true).containsEntry("dryRun", true).containsEntry("serverValidated", true)
                .containsEntry("diff", "-  weight: 100\n+  weight: 90\n");
        assertThat(doc.get("patch")).isEqualTo(List.of(Map.of("op", "replace", "path", "/spec/http/1/route/0/weight", "value", 90)));
    }

    @Test
    void nothingWrittenGivesAnEmptyPatchAndDiff() {
        Map<String, Object> doc = StatusDocument.of(new OperationResult(STATUS, false, false, new PlannedChange("[]", "", false)));

        assertThat(doc).containsEntry("changed", false).containsEntry("patch", List.of()).containsEntry("diff", "");
    }

    @Test
    void rolloutResultNestsTheReleaseAsItWasLeftAndTheDecision() {
        RolloutResult result = new RolloutResult(Outcome.ROLLED_BACK_BY_DECISION, 2, "approval answered rollback by bob",
                STATUS, Optional.empty(), Optional.of(Decision.rollback("bob")));

        Map<String, Object> doc = StatusDocument.of(result);

        assertThat(doc.keySet()).containsExactly("outcome", "message", "stoppedAtStep", "decision", "failedAnalysis", "analyses", "status");
        assertThat(doc).containsEntry("outcome", "ROLLED_BACK_BY_DECISION").containsEntry("stoppedAtStep", 2)
                .containsEntry("failedAnalysis", null).containsEntry("status", StatusDocument.of(STATUS));
        assertThat(doc.get("decision")).isEqualTo(StatusDocument.decision(Decision.rollback("bob")));
    }

    @Test
    void rolloutRolledBackByAnalysisSaysWhyAndMayHaveNoStatus() {
        RolloutResult result = new RolloutResult(Outcome.ROLLED_BACK_BY_ANALYSIS, 1, "rolled back", null,
                Optional.of(new AnalysisVerdict(false, "2 of 3 measurements failed (limit 1)", List.of())), Optional.empty());

        Map<String, Object> doc = StatusDocument.of(result);

        assertThat(doc).containsEntry("failedAnalysis", "2 of 3 measurements failed (limit 1)")
                .containsEntry("decision", null).containsEntry("status", null);
    }

    @Test
    void decisionCarriesItsWeightOnlyForSetWeight() {
        Map<String, Object> setWeight = new LinkedHashMap<>();
        setWeight.put("decision", "setWeight");
        setWeight.put("weight", 30);
        setWeight.put("decidedBy", "alice");
        setWeight.put("timedOut", false);
        assertThat(StatusDocument.decision(Decision.setWeight(30, "alice"))).containsExactlyEntriesOf(setWeight);
        assertThat(StatusDocument.decision(Decision.promote("bob"))).containsEntry("decision", "promote")
                .containsEntry("weight", null);
    }

    @Test
    void deploymentNamesTheCanaryWorkload() {
        Map<String, Object> doc = StatusDocument.deployment(new WorkloadStatus("reviews-v2", "example.org/reviews:2", "v2", 3,
                Map.of("app", "reviews", "version", "v2"), true));

        assertThat(doc.keySet()).containsExactly("name", "image", "version", "replicas", "podLabels", "created");
        assertThat(doc).containsEntry("replicas", 3).containsEntry("created", true)
                .containsEntry("podLabels", Map.of("app", "reviews", "version", "v2"));
    }

    /** A Pipeline keeps what a step returns in its serialized state and reads it without script approvals. */
    @Test
    void everyValueIsAPlainJavaValue() {
        RolloutResult result = new RolloutResult(Outcome.PROMOTED, 4, "promoted", STATUS, Optional.empty(),
                Optional.of(Decision.setWeight(30, "carol")));
        OperationResult written = new OperationResult(STATUS, true, false, new PlannedChange(
                "[{\"op\":\"test\",\"path\":\"/spec/http/1\",\"value\":{\"name\":\"primary\",\"weight\":null}}]", "", false));

        assertPlain(StatusDocument.of(result));
        assertPlain(StatusDocument.of(written));
    }

    private static void assertPlain(Object value) {
        if (value == null) {
            return;
        }
        assertThat(value).isInstanceOfAny(String.class, Integer.class, Long.class, Double.class, Boolean.class,
                ArrayList.class, LinkedHashMap.class);
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(StatusDocumentTest::assertPlain);
        } else if (value instanceof List<?> list) {
            list.forEach(StatusDocumentTest::assertPlain);
        }
    }
}
