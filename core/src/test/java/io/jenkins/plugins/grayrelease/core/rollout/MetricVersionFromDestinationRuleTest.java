package io.jenkins.plugins.grayrelease.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.analysis.CanaryMetrics;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult.Outcome;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.routing.SubsetCheck;
import io.jenkins.plugins.grayrelease.core.testing.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The canary's destination_version comes from the DestinationRule: with subsets
 * named stable/canary, a query for destination_version="canary" finds nothing, so these analyses
 * pass only because the canary subset's version label is what is queried. The data is real
 * (backfilled into a real Prometheus: v2 healthy, v3 with a 25 % error spike).
 */
class MetricVersionFromDestinationRuleTest {

    @RegisterExtension
    static final CanaryPrometheus prometheus = new CanaryPrometheus();

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSubsets("v1", "v2", "v3", "v4", "v5");
    GrayRelease engine = cluster.engine(new Actor("rollout-test", "junit"));
    RecordingListener listener = new RecordingListener();

    /** The fixed-subset layout: subsets stable and canary, the managed route sending to stable only. */
    void fixedSubsets(String stableLabels, String canaryLabels) {
        GenericKubernetesResource dr = cluster.client().getKubernetesSerialization().convertValue(Yaml.node("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: reviews, namespace: shop}
                spec:
                  host: reviews
                  subsets:
                  - {name: stable, labels: %s}
                  - {name: canary, labels: %s}
                """.formatted(stableLabels, canaryLabels)), GenericKubernetesResource.class);
        var rules = cluster.client().genericKubernetesResources(IstioResources.DESTINATION_RULE).inNamespace("shop");
        rules.withName("reviews").delete();
        rules.resource(dr).create();
        cluster.client().genericKubernetesResources(IstioResources.VIRTUAL_SERVICE).inNamespace("shop").withName("reviews")
                .patch(PatchContext.of(PatchType.JSON), """
                        [{"op":"replace","path":"/spec/http/2/route",
                          "value":[{"destination":{"host":"reviews","subset":"stable"},"weight":100},
                                   {"destination":{"host":"reviews","subset":"canary"},"weight":0}]}]""");
    }

    String plan(String canaryVersion) {
        return prometheus.successRatePlan("{namespace: shop, service: reviews, route: primary, stable: stable, canary: canary%s}"
                .formatted(canaryVersion == null ? "" : ", canaryVersion: " + canaryVersion));
    }

    RolloutResult run(String planYaml) {
        return new RolloutRunner(engine, new ScriptedGate(), listener,
                RolloutRunner.Settings.defaults().withAnalysisClock(CanaryMetrics.clock()))
                .run(new PlanParser().parse(planYaml, "plan.yaml"));
    }

    String canarySubsetVersion() {
        return SubsetCheck.labels(new IstioResources(cluster.client()).get(IstioResources.DESTINATION_RULE, "shop", "reviews"), "canary").get("version");
    }

    @Test
    void theCanarySubsetsVersionLabelIsTheMetricLabelNotTheSubsetName() {
        fixedSubsets("{app: reviews, version: v1}", "{app: reviews, version: v2}");
        ReleaseTarget target = ReleaseTarget.builder("shop", "reviews").route("primary").stableSubset("stable").canarySubset("canary").build();
        assertThat(engine.canaryMetricVersion(target)).isEqualTo("v2");

        RolloutResult result = run(plan(null));

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.PROMOTED);
        assertThat(listener.log()).contains("success-rate", "observed 100");
        assertThat(cluster.share("stable")).isEqualTo(100);
        assertThat(engine.status(target).state().stableVersion()).isEqualTo("v2");
    }

    @Test
    void aCanaryWhoseLabelSaysV3IsMeasuredAsV3AndRolledBack() {
        fixedSubsets("{app: reviews, version: v1}", "{app: reviews, version: v3}");

        RolloutResult result = run(plan(null));

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.ROLLED_BACK_BY_ANALYSIS);
        assertThat(listener.log()).contains("observed 75");
        assertThat(cluster.share("stable")).isEqualTo(100);
    }

    @Test
    void appKubernetesIoVersionIsTheFallbackLabel() {
        fixedSubsets("{app.kubernetes.io/version: v1}", "{app.kubernetes.io/version: v2}");
        // The canary's pods carry the label the subset selects by.
        io.jenkins.plugins.grayrelease.sandbox.SandboxObjects.create(cluster.client(), "shop", java.util.List.of(
                io.jenkins.plugins.grayrelease.core.testing.Workloads.deployment("shop", "reviews-k8s-v2",
                        java.util.Map.of("app", "reviews", "app.kubernetes.io/version", "v2"), 2)));
        ReleaseTarget target = ReleaseTarget.builder("shop", "reviews").route("primary").stableSubset("stable").canarySubset("canary").build();
        assertThat(engine.canaryMetricVersion(target)).isEqualTo("v2");
        assertThat(run(plan(null)).outcome()).as(listener.log()).isEqualTo(Outcome.PROMOTED);
    }

    @Test
    void thePlansCanaryVersionOverridesAndIsSetOnTheCanarySubset() {
        fixedSubsets("{app: reviews, version: v1}", "{app: reviews, version: v3}");

        RolloutResult result = run(plan("v2"));

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.PROMOTED);
        assertThat(canarySubsetVersion()).isEqualTo("v2");
    }
}
