package io.jenkins.plugins.grayrelease.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.rollout.ClusterDecision;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import java.time.Clock;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.testing.SandboxFleet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.grayrelease.core.testing.Workloads;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fleet plans run wave by wave on three sandbox API servers (no metrics: analyses are in FleetAnalysisTest). */
class FleetRunnerTest {

    private static final String TWO_WAVES = """
            name: reviews-v2
            target: {namespace: shop, service: reviews, stable: v1, canary: v2}
            targets: [{cluster: eu-1}, {cluster: us-1}, {cluster: us-2}]
            waves:
              - targets: [eu-1]
                steps:
                  - setWeight: 10
                  - approval: {message: 'Release in the US?'}
              - targets: [us-1, us-2]
                steps:
                  - setWeight: 10
                  - setWeight: 50
            """;

    private final SandboxFleet clusters = SandboxFleet.of("eu-1", "us-1", "us-2");
    private final List<String> shares = new CopyOnWriteArrayList<>();
    private final List<FleetApproval> asked = new ArrayList<>();

    @AfterEach
    void close() {
        clusters.close();
    }

    private FleetOutcome run(String yaml, Decision... answers) {
        List<Decision> script = new ArrayList<>(List.of(answers));
        return run(yaml, request -> {
            asked.add(request);
            return script.remove(0);
        }, null);
    }

    private FleetOutcome run(String yaml, FleetGate gate, String answerAt) {
        FleetPlan plan = FleetPlan.of(new PlanParser().parse(yaml, "plan.yaml"), "reviews-v2-f1");
        FleetListener afterEachWrite = new FleetListener() {
            @Override
            public void targetChanged(FleetTarget target, String change, io.jenkins.plugins.grayrelease.core.ReleaseStatus status) {
                shares.add(change + ": " + target.id() + "=" + status.weights().canary());
            }
        };
        try (FleetRelease release = new FleetRelease(plan.fleet(), clusters.connections(), afterEachWrite, FleetRelease.Settings.defaults())) {
            return new FleetRunner(release, gate, afterEachWrite, FleetRunner.Settings.defaults()).answeredAt(answerAt).run(plan);
        }
    }

    @Test
    void aTwoWavePlanAsksOnceForTheFirstWaveThenPromotesEveryTarget() {
        FleetOutcome outcome = run(TWO_WAVES, Decision.promote("alice"));

        assertThat(outcome.result()).isEqualTo(FleetOutcome.Result.DONE);
        assertThat(outcome.action()).isEqualTo("promote");
        assertThat(asked).singleElement().satisfies(a -> {
            assertThat(a.wave().name()).isEqualTo("wave 1");
            assertThat(a.status().rows()).extracting(FleetStatus.Row::weight).containsExactly(10, 0, 0);
        });
        assertThat(shares).startsWith("weight 10 % (wave 1): eu-1/shop/reviews=10");
        assertThat(shares).contains("weight 50 % (wave 2): us-1/shop/reviews=50", "weight 50 % (wave 2): us-2/shop/reviews=50");
        assertThat(List.of(clusters.canaryShare("eu-1"), clusters.canaryShare("us-1"), clusters.canaryShare("us-2")))
                .containsExactly(100, 100, 100);
        assertThat(clusters.cluster("us-2").engine().status(clusters.reviews("us-2").target()).phase()).isEqualTo(Phase.PROMOTED);
    }

    @Test
    void aRollbackAnsweredForTheFirstWaveRollsItBackAndNeverTouchesTheSecond() {
        FleetOutcome outcome = run(TWO_WAVES, Decision.rollback("bob"));

        assertThat(outcome.result()).isEqualTo(FleetOutcome.Result.ROLLED_BACK);
        assertThat(outcome.summary()).isEqualTo("approval of wave 1 answered rollback by bob; rolled back in reverse order:"
                + " eu-1/shop/reviews (canary 10 % → 0 %)");
        assertThat(clusters.canaryShare("eu-1")).isZero();
        assertThat(clusters.cluster("us-1").faults().count("PATCH", "virtualservices")).isZero();
    }

    @Test
    void aCanaryNotReadyInTheSecondWaveRollsBackBothWaves() {
        // us-2's canary crash-loops: 0 of its 2 pods available.
        var client = clusters.cluster("us-2").client();
        Deployment canary = client.apps().deployments().inNamespace("shop").withName("reviews-v2").get();
        Workloads.storeStatus(client, Workloads.withStatus(canary, Workloads.status(canary.getMetadata().getGeneration(), 2, 2, 0)));
        client.pods().inNamespace("shop").resource(Workloads.pod("shop", "reviews-v2-a", Map.of("app", "reviews", "version", "v2"),
                Workloads.PodState.CRASH_LOOP)).create();

        FleetOutcome outcome = run(TWO_WAVES, Decision.promote("alice"));

        assertThat(outcome.result()).isEqualTo(FleetOutcome.Result.ROLLED_BACK);
        assertThat(outcome.failure().target().id()).isEqualTo("us-2/shop/reviews");
        assertThat(outcome.failure().problem()).contains("shop/Deployment/reviews-v2").contains("CrashLoopBackOff");
        assertThat(outcome.undone()).extracting(u -> u.target().id()).containsExactly("us-1/shop/reviews", "eu-1/shop/reviews");
        assertThat(List.of(clusters.canaryShare("eu-1"), clusters.canaryShare("us-1"), clusters.canaryShare("us-2")))
                .containsExactly(0, 0, 0);
    }

    @Test
    void twoServicesOfOneClusterKeepEqualWeightsAtEveryStep() {
        try (SandboxFleet one = SandboxFleet.withSampleApp("eu-1")) {
            FleetPlan plan = FleetPlan.of(new PlanParser().parse("""
                    targets:
                      - {cluster: eu-1, namespace: shop, service: reviews, stable: v1, canary: v2}
                      - {cluster: eu-1, namespace: shop, service: checkout, stable: {host: checkout-stable.shop.svc.cluster.local},
                         canary: {host: checkout-canary.shop.svc.cluster.local}}
                    steps: [{setWeight: 10}, {setWeight: 30}, {setWeight: 60}]
                    """, "plan.yaml"), "together-f1");
            List<List<Integer>> afterEachStep = new ArrayList<>();
            try (FleetRelease release = new FleetRelease(plan.fleet(), one.connections(), FleetListener.NONE, FleetRelease.Settings.defaults())) {
                FleetListener sample = new FleetListener() {
                    @Override
                    public void note(String sentence) {
                        afterEachStep.add(release.status().rows().stream().map(FleetStatus.Row::weight).toList());
                    }
                };
                new FleetRunner(release, r -> Decision.promote("x"), sample, FleetRunner.Settings.defaults()).run(plan);
                afterEachStep.add(release.status().rows().stream().map(FleetStatus.Row::weight).toList());
            }
            // Sampled before each step, before the promotion and after it: both services always at the same weight.
            assertThat(afterEachStep).containsExactly(List.of(0, 0), List.of(10, 10), List.of(30, 30), List.of(60, 60),
                    List.of(100, 100));
        }
    }

    @Test
    void whileAWaveWaitsItsMembersRecordTheQuestionAndAnAnswerRecordedOnOneOfThemDecidesForTheFleet() {
        FleetOutcome outcome = run(TWO_WAVES, request -> {
            asked.add(request);
            // Another shell: 'grayctl decide reviews --context eu-1 rollback' while the terminal stays silent.
            ClusterDecision.answer(clusters.cluster("eu-1").engine(), clusters.reviews("eu-1").target(), "rollback", null, "bob",
                    Clock.systemUTC());
            new java.util.concurrent.CountDownLatch(1).await();
            return null;
        }, null);

        assertThat(asked).singleElement().satisfies(a -> {
            FleetStatus.Row eu1 = a.status().row(clusters.reviews("eu-1"));
            assertThat(eu1.phase()).isEqualTo(Phase.PAUSED);
            assertThat(ClusterDecision.pending(eu1.status())).hasValueSatisfying(p -> {
                assertThat(p.question().message()).isEqualTo("Release in the US?");
                assertThat(p.run()).isEqualTo("reviews-v2-f1/wave-1");
            });
            assertThat(a.status().row(clusters.reviews("us-1")).phase()).as("not reached yet: no record written").isNull();
            assertThat(a.answerElsewhere()).hasValueSatisfying(c -> assertThat(c).startsWith("grayctl decide reviews --context eu-1 -n shop "));
        });
        assertThat(outcome.result()).isEqualTo(FleetOutcome.Result.ROLLED_BACK);
        assertThat(outcome.action()).contains("answered rollback by bob");
        assertThat(clusters.canaryShare("eu-1")).isZero();
        assertThat(clusters.cluster("eu-1").engine().status(clusters.reviews("eu-1").target()).phase()).isEqualTo(Phase.ROLLED_BACK);
    }

    @Test
    void aWaveApprovalOfAJenkinsBuildIsRefusedOnTheClusterAndNamesTheBuild() {
        List<String> refusals = new ArrayList<>();
        FleetOutcome outcome = run(TWO_WAVES, request -> {
            try {
                ClusterDecision.answer(clusters.cluster("eu-1").engine(), clusters.reviews("eu-1").target(), "rollback", null, "bob",
                        Clock.systemUTC());
            } catch (InvalidReleaseException e) {
                refusals.add(e.getMessage());
            }
            assertThat(request.answerElsewhere()).isEmpty();
            return Decision.promote("alice");
        }, "http://127.0.0.1:8080/job/shop/7/");

        assertThat(refusals).singleElement().asString().contains("belongs to a Jenkins build")
                .contains("http://127.0.0.1:8080/job/shop/7/");
        assertThat(outcome.result()).isEqualTo(FleetOutcome.Result.DONE);
        assertThat(clusters.cluster("eu-1").engine().status(clusters.reviews("eu-1").target()).phase()).isEqualTo(Phase.PROMOTED);
    }
}
