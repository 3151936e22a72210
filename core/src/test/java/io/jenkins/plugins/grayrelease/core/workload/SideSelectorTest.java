package io.jenkins.plugins.grayrelease.core.workload;

import static io.jenkins.plugins.grayrelease.core.testing.Workloads.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SideSelectorTest {

    /** Istio's Bookinfo: every service has a v1 Deployment whose pods carry {@code version: v1}. */
    private static final List<Deployment> BOOKINFO = List.of(
            deployment("default", "details-v1", Map.of("app", "details", "version", "v1"), 1),
            deployment("default", "ratings-v1", Map.of("app", "ratings", "version", "v1"), 1),
            deployment("default", "reviews-v1", Map.of("app", "reviews", "version", "v1"), 1),
            deployment("default", "reviews-v2", Map.of("app", "reviews", "version", "v2"), 1),
            deployment("default", "productpage-v1", Map.of("app", "productpage", "version", "v1"), 1));

    @Test
    void aSubsetSelectsOnlyAmongTheServicesPodsLikeIstio() {
        SideSelector stable = new SideSelector("reviews", Map.of("app", "reviews"), Map.of("version", "v1"));

        assertThat(stable.select(BOOKINFO)).extracting(d -> d.getMetadata().getName()).containsExactly("reviews-v1");
        assertThat(stable.labelSelector()).isEqualTo("app=reviews,version=v1");
    }

    @Test
    void aWholeServiceSelectsByItsSelectorAlone() {
        SideSelector canary = new SideSelector("reviews-canary", Map.of("app", "reviews", "version", "v2"), Map.of());

        assertThat(canary.select(BOOKINFO)).extracting(d -> d.getMetadata().getName()).containsExactly("reviews-v2");
    }

    @Test
    void contradictoryOrEmptySelectorsSelectNothing() {
        assertThat(new SideSelector("reviews", Map.of("app", "reviews"), Map.of("app", "ratings")).select(BOOKINFO)).isEmpty();
        assertThat(new SideSelector("reviews", Map.of(), Map.of()).select(BOOKINFO)).isEmpty();
    }
}
