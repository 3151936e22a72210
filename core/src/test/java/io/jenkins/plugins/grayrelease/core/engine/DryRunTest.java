package io.jenkins.plugins.grayrelease.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DryRunTest {

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSampleApp();
    private final GrayRelease engine = cluster.engine();

    @Test
    void dryRunShowsPatchAndDiffAndStoresNothing() {
        ObjectNode before = cluster.virtualService("reviews");

        OperationResult result = engine.setWeight(SampleTargets.reviews(), 20, WriteOptions.dryRunOnly());

        assertThat(result.dryRun()).isTrue();
        assertThat(result.changed()).isTrue();
        assertThat(result.status().weights().canary()).isEqualTo(20);
        assertThat(result.change().patch()).startsWith("[{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\"")
                .contains("{\"op\":\"add\",\"path\":\"/spec/http/2/route/0/weight\",\"value\":80}");
        assertThat(result.change().diff()).startsWith("--- shop/VirtualService/reviews (current)\n+++ shop/VirtualService/reviews (planned)\n")
                .contains("\n+      weight: 80\n").contains("\n+        subset: \"v2\"\n");
        assertThat(cluster.virtualService("reviews")).isEqualTo(before);
    }

    @Test
    void dryRunOfAMissingSubsetShowsTheDestinationRuleChangeToo() {
        ObjectNode dr = cluster.destinationRule("reviews");
        ReleaseTarget v3 = SampleTargets.reviews().toBuilder().canarySubset("v3").build();

        OperationResult result = engine.setWeight(v3, 5, WriteOptions.dryRunOnly().withAddCanarySubset(true));

        assertThat(result.change().diff()).contains("+++ shop/DestinationRule/reviews (planned)").contains("+  - name: \"v3\"");
        assertThat(cluster.destinationRule("reviews")).isEqualTo(dr);
    }

    @Test
    void theMockServerItselfStoresADryRunJsonPatchButRefusesADryRunApply() {
        cluster.honourDryRun(false);
        // Why validateOnServer sends a server-side apply: a server that ignores dryRun=All stores a JSON Patch but refuses an apply.
        var vs = cluster.client().genericKubernetesResources(io.jenkins.plugins.grayrelease.core.cluster.IstioResources.VIRTUAL_SERVICE)
                .inNamespace("shop").withName("reviews");
        vs.dryRun().patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON),
                "[{\"op\":\"add\",\"path\":\"/spec/exportTo/-\",\"value\":\"*\"}]");
        assertThat(cluster.virtualService("reviews").path("spec").path("exportTo")).hasSize(2);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vs.dryRun().patch(
                        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.SERVER_SIDE_APPLY),
                        cluster.virtualService("reviews").toString()))
                .isInstanceOfSatisfying(io.fabric8.kubernetes.client.KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(415));
    }

    @Test
    void aServerThatRefusesTheDryRunLeavesItUnvalidatedAndStoresNothing() {
        cluster.honourDryRun(false);
        ObjectNode before = cluster.virtualService("reviews");

        OperationResult result = engine.setWeight(SampleTargets.reviews(), 20, WriteOptions.dryRunOnly().withAddCanarySubset(true));

        assertThat(result.change().serverValidated()).isFalse();
        assertThat(cluster.faults().requests()).filteredOn(r -> r.startsWith("PATCH ")).singleElement().asString().contains("dryRun=All");
        assertThat(cluster.virtualService("reviews")).isEqualTo(before);
    }

    @Test
    void againstAServerThatHonoursDryRunThePatchIsValidatedThereAndNotStored() {
        ObjectNode before = cluster.virtualService("reviews");

        OperationResult result = engine.withServerDryRun(true).setWeight(SampleTargets.reviews(), 20, WriteOptions.dryRunOnly());

        assertThat(result.change().serverValidated()).isTrue();
        assertThat(cluster.faults().requests()).filteredOn(r -> r.startsWith("PATCH ")).singleElement().asString().contains("dryRun=All");
        assertThat(cluster.virtualService("reviews")).isEqualTo(before);
    }

    @Test
    void aServerRejectingTheDryRunIsReportedAsAnApiError() {
        cluster.faults().failWith("PATCH", "dryRun=All", 422, "spec.http[2].route[1].destination.host: Invalid value");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.withServerDryRun(true)
                        .setWeight(SampleTargets.reviews(), 20, WriteOptions.dryRunOnly()))
                .isInstanceOf(io.jenkins.plugins.grayrelease.core.errors.ClusterApiException.class)
                .hasMessageStartingWith("shop/VirtualService/reviews: the API server refused the request (422): "
                        + "spec.http[2].route[1].destination.host: Invalid value.");
    }
}
