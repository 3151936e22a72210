package io.jenkins.plugins.grayrelease.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The release state annotation: round trip, hand edits, drift. */
class ReleaseStateTest {

    private final SandboxCluster cluster = SandboxCluster.withSampleApp();
    private final GrayRelease engine = cluster.engine();
    private final ReleaseTarget byName = ReleaseTarget.builder("shop", "reviews").build();

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void stateIsWrittenWithTheRoutesAndReadBackByAnotherTool() {
        engine.setWeight(SampleTargets.reviews(), 10, WriteOptions.defaults());

        String annotation = cluster.virtualService("reviews").path("metadata").path("annotations").path("grayrelease.jenkins.io/state.primary").asText();
        ReleaseState state = ReleaseStateCodec.decode(annotation).state();
        assertThat(annotation).startsWith("{\"route\":\"primary\",");
        assertThat(state.stable().subset()).isEqualTo("v1");
        assertThat(state.canary().subset()).isEqualTo("v2");
        assertThat(state.weight()).isEqualTo(10);
        assertThat(state.phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(state.lastChange().action()).isEqualTo("setWeight 10");
        assertThat(state.lastChange().by()).isEqualTo("alice");
        assertThat(state.lastChange().origin()).isEqualTo("https://ci.example.org/job/shop/42/");

        ReleaseStatus status = engine.status(byName);
        assertThat(status.stable().subset()).isEqualTo("v1");
        assertThat(status.canary().subset()).isEqualTo("v2");
        assertThat(status.stateProblem()).isNull();
        assertThat(status.lastChange().action()).isEqualTo("setWeight 10");
    }

    @Test
    void codecRoundTripKeepsEveryField() {
        ReleaseState state = new ReleaseState(io.jenkins.plugins.grayrelease.core.Destination.subset("reviews", "v1"),
                io.jenkins.plugins.grayrelease.core.Destination.host("reviews-canary"), 35, Phase.PAUSED,
                new RolloutProgress("plan", 2, "approval", RolloutProgress.RUNNING, null),
                new LastChange("setWeight 35", "bob", Instant.parse("2026-11-26T06:00:00Z"), null));
        assertThat(ReleaseStateCodec.decode(ReleaseStateCodec.encode(state)).state()).isEqualTo(state);
    }

    @Test
    void missingAnnotationIsReportedNotFatal() {
        ReleaseStatus status = engine.status(byName);
        assertThat(status.state()).isNull();
        assertThat(status.stateProblem()).isEqualTo("no release state recorded (annotation grayrelease.jenkins.io/state.primary is missing)");
        assertThat(status.stable().subset()).isEqualTo("v1");
        assertThat(status.weights().stable()).isEqualTo(100);
    }

    @Test
    void handBrokenAnnotationIsReportedAndReplacedByTheNextWrite() {
        engine.setWeight(SampleTargets.reviews(), 10, WriteOptions.defaults());
        breakAnnotation("{\"stable\": {\"host\": \"reviews\", \"subset\": \"v1\"}, \"weight\": ");

        ReleaseStatus broken = engine.status(SampleTargets.reviews());
        assertThat(broken.state()).isNull();
        assertThat(broken.stateProblem()).startsWith("annotation grayrelease.jenkins.io/state.primary is not a valid release state (")
                .endsWith("); the next change through Gray Release replaces it");
        assertThat(broken.weights().canary()).isEqualTo(10);

        engine.setWeight(SampleTargets.reviews(), 20, WriteOptions.defaults());

        ReleaseStatus repaired = engine.status(byName);
        assertThat(repaired.stateProblem()).isNull();
        assertThat(repaired.state().weight()).isEqualTo(20);
    }

    @Test
    void sameRoutesButBrokenStateIsStillRepaired() {
        engine.setWeight(SampleTargets.reviews(), 10, WriteOptions.defaults());
        breakAnnotation("not json");

        assertThat(engine.setWeight(SampleTargets.reviews(), 10, WriteOptions.defaults()).changed()).isTrue();
        assertThat(engine.status(byName).state().weight()).isEqualTo(10);
    }

    @Test
    void handEditedWeightShowsAsDrift() {
        engine.setWeight(SampleTargets.reviews(), 10, WriteOptions.defaults());
        patch("[{\"op\":\"replace\",\"path\":\"/spec/http/2/route/0/weight\",\"value\":70},"
                + "{\"op\":\"replace\",\"path\":\"/spec/http/2/route/1/weight\",\"value\":30}]");

        assertThat(engine.status(byName).drift()).containsExactly("the state records 10 % to the canary v2 but the route sends 30 %");
    }

    @Test
    void missingRecordedSubsetShowsAsDrift() {
        engine.setWeight(SampleTargets.reviews(), 10, WriteOptions.defaults());
        cluster.client().genericKubernetesResources(io.jenkins.plugins.grayrelease.core.cluster.IstioResources.DESTINATION_RULE)
                .inNamespace("shop").withName("reviews").patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                        io.fabric8.kubernetes.client.dsl.base.PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"/spec/subsets/1\"}]");

        assertThat(engine.status(byName).drift()).containsExactly("the recorded canary subset v2 is missing from the DestinationRule");
    }

    @Test
    void recordRolloutWritesOnlyTheState() {
        engine.setWeight(SampleTargets.reviews(), 10, WriteOptions.defaults());
        var routes = cluster.virtualService("reviews").path("spec");

        ReleaseStatus status = engine.recordRollout(byName, new RolloutProgress("standard", 1, "approval", RolloutProgress.RUNNING, null), Phase.PAUSED);

        assertThat(status.phase()).isEqualTo(Phase.PAUSED);
        assertThat(status.state().rollout().step()).isEqualTo(1);
        assertThat(cluster.virtualService("reviews").path("spec")).isEqualTo(routes);
        assertThat(engine.status(byName).state().weight()).isEqualTo(10);
    }

    private void breakAnnotation(String value) {
        patch("[{\"op\":\"replace\",\"path\":\"/metadata/annotations/grayrelease.jenkins.io~1state.primary\",\"value\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(value) + "}]");
    }

    private void patch(String jsonPatch) {
        cluster.client().genericKubernetesResources(io.jenkins.plugins.grayrelease.core.cluster.IstioResources.VIRTUAL_SERVICE)
                .inNamespace("shop").withName("reviews").patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                        io.fabric8.kubernetes.client.dsl.base.PatchType.JSON), jsonPatch);
    }
}
