package io.jenkins.plugins.grayrelease.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.testing.DocPages;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import io.jenkins.plugins.grayrelease.core.testing.Workloads;
import org.junit.jupiter.api.Test;

/** The DestinationRule and VirtualService of docs/routing.md, section "Fixed subsets", as written there, take a release. */
class FixedSubsetsExampleTest {

    @Test
    void theDocumentedFixedSubsetsMoveTheCanaryLabelThenPromoteByMovingTheStableOne() {
        try (SandboxCluster cluster = SandboxCluster.start()) {
            cluster.load(DocPages.firstBlock("docs/routing.md", "Fixed subsets", "yaml"));
            Workloads.serve(cluster.client(), "shop", "reviews", "v1", "v2");
            GrayRelease engine = cluster.engine();

            ReleaseStatus at10 = engine.setWeight(ReleaseTarget.builder("shop", "reviews").canaryVersion("v2").build(), 10,
                    WriteOptions.defaults()).status();

            assertThat(at10.weights()).isEqualTo(new WeightSplit(90, 10));
            assertThat(at10.canary()).isEqualTo(Destination.subset("reviews", "canary"));
            assertThat(subsetVersion(cluster, "canary")).isEqualTo("v2");
            assertThat(subsetVersion(cluster, "stable")).isEqualTo("v1");

            engine.promote(ReleaseTarget.builder("shop", "reviews").build(), PromoteOptions.defaults());

            assertThat(subsetVersion(cluster, "stable")).isEqualTo("v2");
            assertThat(cluster.share("stable")).isEqualTo(100);
        }
    }

    private static String subsetVersion(SandboxCluster cluster, String subset) {
        for (JsonNode s : cluster.destinationRule("reviews").path("spec").path("subsets")) {
            if (subset.equals(s.path("name").asText())) {
                return s.path("labels").path("version").asText();
            }
        }
        throw new AssertionError("no subset " + subset);
    }
}
