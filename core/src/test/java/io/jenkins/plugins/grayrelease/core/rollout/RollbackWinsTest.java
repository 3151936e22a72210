package io.jenkins.plugins.grayrelease.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.errors.ReleaseStoppedException;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult.Outcome;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #19, part 1: a rollback or abort recorded by someone else after a session read the
 * release stops that session's forward moves; nobody's retry loop re-plans over it.
 */
class RollbackWinsTest {

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSubsets("v1", "v2");
    GrayRelease alice = cluster.engine(new Actor("alice", "https://ci.example.org/job/shop/41/"));
    GrayRelease bob = cluster.engine(new Actor("bob", "grayctl"));

    static ReleaseTarget target() {
        return ReleaseTarget.builder("shop", "reviews").route("primary").stableSubset("v1").canarySubset("v2").build();
    }

    @Test
    void aHigherWeightOfASessionIsRefusedAfterSomeoneElseRolledBack() {
        GrayRelease session = alice.session();
        session.setWeight(target(), 10, WriteOptions.defaults());
        bob.rollback(target(), WriteOptions.defaults());

        assertThatThrownBy(() -> session.setWeight(target(), 50, WriteOptions.defaults()))
                .isInstanceOf(ReleaseStoppedException.class)
                .hasMessageContaining("rolled back by bob at ")
                .hasMessageContaining("(grayctl) after this session read the release; refusing setWeight 50");
        assertThat(cluster.share("v1")).isEqualTo(100);
        assertThat(bob.status(target()).phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(bob.status(target()).lastChange().by()).isEqualTo("bob");
    }

    @Test
    void everyForwardMoveOfTheSessionIsRefusedAndMovesBackPass() {
        GrayRelease session = alice.session();
        session.setWeight(target(), 10, WriteOptions.defaults());
        bob.rollback(target(), WriteOptions.defaults());

        assertThatThrownBy(() -> session.setTesters(target(), TesterRoute.of(TesterMatch.header("x-canary", "yes")),
                WriteOptions.defaults())).isInstanceOf(ReleaseStoppedException.class);
        assertThatThrownBy(() -> session.setMirror(target(), 10, WriteOptions.defaults())).isInstanceOf(ReleaseStoppedException.class);
        assertThatThrownBy(() -> session.promote(target(), PromoteOptions.defaults())).isInstanceOf(ReleaseStoppedException.class);
        // Still refused later on: the stop is never taken as known.
        assertThatThrownBy(() -> session.setWeight(target(), 20, WriteOptions.defaults())).isInstanceOf(ReleaseStoppedException.class);
        session.rollback(target(), WriteOptions.defaults());
        assertThat(cluster.share("v1")).isEqualTo(100);
        assertThat(cluster.share("v2")).isZero();
    }

    @Test
    void anAbortRecordedElsewhereStopsTheSessionToo() {
        GrayRelease session = alice.session();
        session.setWeight(target(), 10, WriteOptions.defaults());
        bob.recordRollout(target(), null, Phase.ABORTED);

        assertThatThrownBy(() -> session.setWeight(target(), 50, WriteOptions.defaults()))
                .isInstanceOf(ReleaseStoppedException.class).hasMessageContaining("aborted by bob");
        assertThat(cluster.share("v2")).isEqualTo(10);
    }

    @Test
    void aNewReleaseStartedAfterTheRollbackStillWorks() {
        alice.session().setWeight(target(), 10, WriteOptions.defaults());
        bob.rollback(target(), WriteOptions.defaults());

        GrayRelease deliberate = alice.session();
        deliberate.setWeight(target(), 20, WriteOptions.defaults());
        alice.setWeight(target(), 30, WriteOptions.defaults());

        assertThat(cluster.share("v2")).isEqualTo(30);
    }

    @Test
    void aRolloutPausedWhenSomeoneElseRollsBackStopsAtOnceAndSaysWho() throws Exception {
        RecordingListener listener = new RecordingListener();
        RolloutRunner runner = new RolloutRunner(alice, ScriptedGate.silent(), listener, RolloutRunner.Settings.defaults());
        listener.onStepStarted = (index, step) -> {
            if (index == 1) {
                CompletableFuture.runAsync(() -> bob.rollback(target(), WriteOptions.defaults()));
            }
        };
        String plan = SampleTargets.plan("""
                steps:
                  - setWeight: 10
                  - pause: 1h
                  - setWeight: 50
                """);

        RolloutResult result = CompletableFuture.supplyAsync(() -> runner.run(new PlanParser().parse(plan, "plan.yaml")))
                .get(30, TimeUnit.SECONDS);

        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.STOPPED_ELSEWHERE);
        assertThat(result.message()).startsWith("rolled back by bob at ").contains("during step 2 (pause 1h)",
                "stable 100 % / canary 0 %");
        assertThat(listener.weights).containsExactly(10);
        assertThat(cluster.share("v1")).isEqualTo(100);
        assertThat(bob.status(target()).phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(bob.status(target()).lastChange().by()).as("the other actor's record stands").isEqualTo("bob");
    }
}
