package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.analysis.CanaryMetrics;
import io.jenkins.plugins.grayrelease.core.analysis.PrometheusEndpoint;
import io.jenkins.plugins.grayrelease.core.fleet.FleetGate;
import io.jenkins.plugins.grayrelease.core.fleet.FleetListener;
import io.jenkins.plugins.grayrelease.core.fleet.FleetOutcome;
import io.jenkins.plugins.grayrelease.core.fleet.FleetPlan;
import io.jenkins.plugins.grayrelease.core.fleet.FleetRelease;
import io.jenkins.plugins.grayrelease.core.fleet.FleetRunner;
import io.jenkins.plugins.grayrelease.core.fleet.FleetStatus;
import io.jenkins.plugins.grayrelease.core.fleet.FleetTarget;
import io.jenkins.plugins.grayrelease.core.rollout.CanaryPrometheus;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.testing.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fleet releases on three real kube-apiservers ({@code eu-1}, {@code us-1}, {@code us-2}), each with its own etcd and
 * the Istio and Gateway API CRDs, on loopback; analyses against a real Prometheus serving backfilled Istio metrics.
 * Each test works in its own namespace (the same name in all three clusters); one kills an API server and starts it
 * again on the same etcd and port.
 */
@Tag("apiserver")
@Tag("prometheus")
class FleetOnThreeApiServersTest {

    @RegisterExtension
    static final CanaryPrometheus prometheus = new CanaryPrometheus();

    static ThreeApiServers clusters;

    @BeforeAll
    static void startClusters() {
        clusters = ThreeApiServers.start();
    }

    @AfterAll
    static void stopClusters() {
        if (clusters != null) {
            clusters.close();
        }
    }

    private static String twoWaves(String namespace, String extraTargets) {
        return """
                name: reviews-v2
                target: {namespace: %s, service: reviews, stable: v1, canary: v2}
                targets: [{cluster: eu-1}, {cluster: us-1%s}, {cluster: us-2}]
                prometheus: {url: '%s'}
                waves:
                  - name: europe
                    targets: [eu-1]
                    steps:
                      - setWeight: 10
                      - approval: {message: 'Go on with the US?'}
                  - name: americas
                    targets: [us-1, us-2]
                    steps:
                      - setWeight: 10
                      - analysis:
                          interval: 10ms
                          count: 2
                          inconclusiveTries: 3
                          metrics: [{name: success-rate, template: successRate, min: 99}]
                      - setWeight: 50
                """.formatted(namespace, extraTargets, prometheus.url());
    }

    /** The plan without its analysis step: Prometheus holds metrics for namespace shop only (CanaryMetrics). */
    private static String withoutAnalysis(String plan) {
        return plan.replaceAll("(?s)      - analysis:.*min: 99}]\n", "");
    }

    private static FleetOutcome run(String yaml, String fleetId, FleetListener listener, Function<FleetRelease, FleetListener> perRelease) {
        FleetPlan plan = FleetPlan.of(new PlanParser().parse(yaml, "plan.yaml"), fleetId);
        FleetRelease.Settings settings = new FleetRelease.Settings(8, WriteOptions.defaults().withAddCanarySubset(true),
                PromoteOptions.defaults());
        FleetGate approve = request -> Decision.promote("alice");
        try (FleetRelease release = new FleetRelease(plan.fleet(), clusters.connections(), listener, settings)) {
            FleetListener sampling = perRelease == null ? listener : perRelease.apply(release);
            return new FleetRunner(release, approve, sampling, FleetRunner.Settings.defaults().withAnalysisClock(CanaryMetrics.clock())
                    .withPrometheus(PrometheusEndpoint.of(prometheus.url().toString()))).run(plan);
        }
    }

    private static ReleaseStatus status(String cluster, String namespace, String service) {
        FleetTarget target = new FleetTarget(cluster, ReleaseTarget.builder(namespace, service).build());
        return clusters.connections().connect(target).status(target.target());
    }

    @Test
    void aTwoWavePlanPromotesEveryCluster() {
        clusters.installReviews("fleet-promote");

        FleetOutcome outcome = run(withoutAnalysis(twoWaves("fleet-promote", "")), "reviews-v2-fa", FleetListener.NONE, null);

        assertThat(outcome.result()).as(outcome.summary()).isEqualTo(FleetOutcome.Result.DONE);
        for (String cluster : ThreeApiServers.NAMES) {
            ReleaseStatus now = status(cluster, "fleet-promote", "reviews");
            assertThat(now.phase()).as(cluster).isEqualTo(Phase.PROMOTED);
            assertThat(now.stable().subset()).as(cluster).isEqualTo("v2");
            assertThat(now.state().fleet().id()).isEqualTo("reviews-v2-fa");
        }
    }

    @Test
    void aFailedAnalysisInWaveTwoRollsBackWavesOneAndTwo() {
        // CanaryMetrics' data is for shop/reviews; in us-1 the canary is v3, whose errors spike.
        clusters.installReviews("shop");
        Workloads.serve(clusters.server("us-1").client(), "shop", "reviews", "v3");

        FleetOutcome outcome = run(twoWaves("shop", ", canary: v3"), "reviews-v2-fb", FleetListener.NONE, null);

        assertThat(outcome.result()).as(outcome.summary()).isEqualTo(FleetOutcome.Result.ROLLED_BACK);
        assertThat(outcome.failure().target().id()).isEqualTo("us-1/shop/reviews");
        assertThat(outcome.failure().problem()).startsWith("analysis failed: ");
        assertThat(outcome.undone()).extracting(u -> u.target().id())
                .containsExactly("us-2/shop/reviews", "us-1/shop/reviews", "eu-1/shop/reviews");
        for (String cluster : ThreeApiServers.NAMES) {
            ReleaseStatus now = status(cluster, "shop", "reviews");
            assertThat(now.phase()).as(cluster).isEqualTo(Phase.ROLLED_BACK);
            assertThat(now.weights().canary()).as(cluster).isZero();
        }
    }

    @Test
    void anApiServerKilledInWaveTwoIsReportedWithItsCommandAndResumeFinishesItWhenItReturns() {
        clusters.installReviews("fleet-kill");
        Runnable[] restart = {null};
        FleetListener killUs2AfterItsFirstShift = new FleetListener() {
            @Override
            public void targetChanged(FleetTarget target, String change, ReleaseStatus status) {
                if (target.cluster().equals("us-2") && change.startsWith("weight 10") && restart[0] == null) {
                    restart[0] = clusters.killApiServer("us-2");
                }
            }
        };
        String plan = withoutAnalysis(twoWaves("fleet-kill", ""));

        FleetOutcome outcome = run(plan, "reviews-v2-fc", killUs2AfterItsFirstShift, null);

        assertThat(outcome.result()).as(outcome.summary()).isEqualTo(FleetOutcome.Result.INCOMPLETE);
        assertThat(outcome.failure().target().id()).isEqualTo("us-2/fleet-kill/reviews");
        assertThat(outcome.failure().unreachable()).isTrue();
        assertThat(outcome.undone()).extracting(u -> u.target().id()).containsExactly("us-1/fleet-kill/reviews", "eu-1/fleet-kill/reviews");
        assertThat(outcome.unfinished()).singleElement().satisfies(u -> {
            assertThat(u.command()).isEqualTo("grayctl rollback reviews --context us-2 -n fleet-kill");
            assertThat(u.describe()).contains("us-2/fleet-kill/reviews: not rolled back: unreachable");
        });
        assertThat(status("eu-1", "fleet-kill", "reviews").weights().canary()).isZero();
        assertThat(status("us-1", "fleet-kill", "reviews").weights().canary()).isZero();

        restart[0].run();
        assertThat(status("us-2", "fleet-kill", "reviews").weights().canary()).as("us-2 still at its 10 %% while it was away").isEqualTo(10);
        FleetPlan again = FleetPlan.of(new PlanParser().parse(plan, "plan.yaml"), "reviews-v2-fc");
        try (FleetRelease later = new FleetRelease(again.fleet(), clusters.connections(), FleetListener.NONE, FleetRelease.Settings.defaults())) {
            FleetOutcome resumed = later.resume();
            assertThat(resumed.result()).as(resumed.summary()).isEqualTo(FleetOutcome.Result.DONE);
            assertThat(resumed.changed()).extracting(FleetTarget::id).containsExactly("us-2/fleet-kill/reviews");
            assertThat(later.status().overall()).isEqualTo(FleetStatus.Overall.ROLLED_BACK);
        }
        assertThat(status("us-2", "fleet-kill", "reviews").weights().canary()).isZero();
    }

    @Test
    void twoServicesMovedTogetherKeepEqualWeightsAtEveryStep() {
        RealApiServer eu = clusters.server("eu-1");
        Cluster.ensureNamespace(eu.client(), "fleet-pair");
        Ratings.install(eu, "fleet-pair");
        List<List<Integer>> sampled = new ArrayList<>();
        String plan = """
                name: pair-v2
                targets:
                  - {cluster: eu-1, namespace: fleet-pair, service: reviews, stable: v1, canary: v2}
                  - {cluster: eu-1, namespace: fleet-pair, service: ratings, stable: v1, canary: v2}
                steps: [{setWeight: 10}, {setWeight: 25}, {setWeight: 50}, {setWeight: 75}]
                """;

        FleetOutcome outcome = run(plan, "pair-v2-fd", FleetListener.NONE, release -> new FleetListener() {
            @Override
            public void note(String sentence) {
                // Before every step and before the promotion: what the API server stores for both services.
                sampled.add(List.of(status("eu-1", "fleet-pair", "reviews").weights().canary(),
                        status("eu-1", "fleet-pair", "ratings").weights().canary()));
            }
        });

        assertThat(outcome.result()).as(outcome.summary()).isEqualTo(FleetOutcome.Result.DONE);
        assertThat(sampled).containsExactly(List.of(0, 0), List.of(10, 10), List.of(25, 25), List.of(50, 50), List.of(75, 75));
        assertThat(status("eu-1", "fleet-pair", "ratings").phase()).isEqualTo(Phase.PROMOTED);
        assertThat(status("eu-1", "fleet-pair", "reviews").phase()).isEqualTo(Phase.PROMOTED);
    }

    /** A second service beside the sample's reviews: ratings, with its own VirtualService, DestinationRule and workloads. */
    private static final class Ratings {
        static void install(RealApiServer server, String namespace) {
            io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant.ADMIN_ROUTE.install(server.client(), namespace);
            Cluster.install(server.client(), namespace, """
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: ratings}
                    spec:
                      hosts: [ratings]
                      http:
                        - name: primary
                          route: [{destination: {host: ratings, subset: v1}}]
                    """);
            Cluster.install(server.client(), namespace, RatingsService.DESTINATION_RULE);
            Workloads.serve(server.client(), namespace, "ratings", "v1", "v2");
        }
    }
}
