package io.jenkins.plugins.grayrelease.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.GrayRelease;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.testing.SampleApp;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DryRunTest {

    private final SandboxCluster cluster = SandboxCluster.withSampleApp();
    private final GrayRelease engine = cluster.engine();

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void dryRunShowsPatchAndDiffAndStoresNothing() {
        ObjectNode before = cluster.virtualService("reviews");

        OperationResult result = engine.setWeight(SampleApp.target(), 20, WriteOptions.dryRunOnly());

        assertThat(result.dryRun()).isTrue();
        assertThat(result.changed()).isTrue();
        assertThat(result.status().weights().canary()).isEqualTo(20);
        assertThat(result.change().patch()).startsWith("[{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\"")
                .contains("{\"op\":\"add\",\"path\":\"/spec/http/2/route/0/weight\",\"value\":80}");
        assertThat(result.change().diff()).startsWith("--- shop/VirtualService/reviews (current)\n+++ shop/VirtualService/reviews (planned)\n")
                .contains("\n+      weight: 80\n").contains("\n+        subset: \"v2\"\n");
        assertThat(result.change().serverValidated()).isFalse();
        assertThat(cluster.virtualService("reviews")).isEqualTo(before);
        assertThat(cluster.faults().count("PATCH", "/")).isZero();
    }

    @Test
    void dryRunOfAMissingSubsetShowsTheDestinationRuleChangeToo() {
        ObjectNode dr = cluster.destinationRule("reviews");
        ReleaseTarget v3 = SampleApp.target().toBuilder().canarySubset("v3").build();

        OperationResult result = engine.setWeight(v3, 5, WriteOptions.dryRunOnly().withAddCanarySubset(true));

        assertThat(result.change().diff()).contains("+++ shop/DestinationRule/reviews (planned)").contains("+  - name: \"v3\"");
        assertThat(cluster.destinationRule("reviews")).isEqualTo(dr);
    }
}
