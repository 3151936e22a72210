package io.jenkins.plugins.grayrelease.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult.Outcome;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue #19, part 4: an approval answered on the cluster, from any shell, by someone allowed to patch the routing object. */
class ClusterDecisionTest {

    static final String PLAN = """
            target: {namespace: shop, service: reviews, route: primary, stable: v1, canary: v2}
            steps:
              - setWeight: 10
              - approval: {message: "Canary looks fine?", decisions: [promote, rollback, abort], timeout: 1h}
              - setWeight: 50
            """;

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSubsets("v1", "v2");
    GrayRelease engine = cluster.engine(new Actor("rollout", "grayctl"));
    GrayRelease carol = cluster.engine(new Actor("carol", "grayctl"));

    static ReleaseTarget target() {
        return ReleaseTarget.builder("shop", "reviews").route("primary").stableSubset("v1").canarySubset("v2").build();
    }

    private CompletableFuture<RolloutResult> waitingRun(RolloutRunner.Settings settings, RecordingListener listener) {
        RolloutRunner runner = new RolloutRunner(engine, ScriptedGate.silent(), listener, settings);
        CompletableFuture<RolloutResult> run = CompletableFuture.supplyAsync(() -> runner.run(new PlanParser().parse(PLAN, "plan.yaml")));
        await().atMost(Duration.ofSeconds(30)).until(() -> ClusterDecision.pending(engine.status(target())).isPresent());
        return run;
    }

    @Test
    void anAnswerRecordedOnTheClusterContinuesTheWaitingRunAndNamesWhoAnswered() throws Exception {
        RecordingListener listener = new RecordingListener();
        CompletableFuture<RolloutResult> run = waitingRun(RolloutRunner.Settings.defaults(), listener);
        ReleaseStatus waiting = engine.status(target());
        Map<String, Object> pending = (Map<String, Object>) StatusDocument.of(waiting).get("pendingApproval");
        assertThat(pending).containsEntry("step", 2).containsEntry("message", "Canary looks fine?")
                .containsEntry("answerWith", "grayctl -n shop decide reviews abort|promote|rollback");

        ClusterDecision.answer(carol, target(), "promote", null, "carol@example.org", Clock.systemUTC());
        RolloutResult result = run.get(30, TimeUnit.SECONDS);

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.PROMOTED);
        assertThat(listener.decisions).singleElement().satisfies(d -> assertThat(d.decidedBy()).isEqualTo("carol@example.org"));
        assertThat(listener.log()).contains("decision: promote by carol@example.org");
        assertThat(cluster.share("v2")).isEqualTo(100);
    }

    @Test
    void aDecisionTheApprovalDoesNotOfferIsRefusedAndNothingIsWritten() throws Exception {
        CompletableFuture<RolloutResult> run = waitingRun(RolloutRunner.Settings.defaults(), new RecordingListener());
        String before = cluster.virtualService().toString();

        assertThatThrownBy(() -> ClusterDecision.answer(carol, target(), "setWeight", "30", "carol", Clock.systemUTC()))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessageContaining("the approval of step 2 does not offer setWeight; it offers [abort, promote, rollback]");
        assertThat(cluster.virtualService().toString()).isEqualTo(before);
        run.cancel(true);
    }

    @Test
    void anApprovalOfAJenkinsBuildIsAnsweredOnlyInJenkins() throws Exception {
        RecordingListener listener = new RecordingListener();
        CompletableFuture<RolloutResult> run = waitingRun(RolloutRunner.Settings.defaults()
                .withAnswerAt("https://ci.example.org/job/shop/42/"), listener);

        assertThatThrownBy(() -> ClusterDecision.answer(carol, target(), "promote", null, "carol", Clock.systemUTC()))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessageContaining("belongs to a Jenkins build and is answered there")
                .hasMessageContaining("https://ci.example.org/job/shop/42/");
        RolloutProgress progress = engine.status(target()).state().rollout();
        assertThat(progress.answer()).isNull();
        assertThat(run).isNotDone();
        run.cancel(true);
    }
}
