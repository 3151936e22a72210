package io.jenkins.plugins.grayrelease.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult.Outcome;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #19, part 3: recorded progress carries the run that made it and what its approvals were
 * given for (the plan's and the canary pod template's digests); a run resumes, skipping finished
 * approvals, only when all match, and otherwise starts over, asks again and says why.
 */
class ResumeBoundToApprovalTest {

    static final String PLAN = """
            name: reviews-v2
            target: {namespace: shop, service: reviews, route: primary, stable: v1, canary: v2}
            steps:
              - setWeight: 10
              - approval: {message: "Go on?"}
              - pause: 1h
              - setWeight: 50
            """;

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSubsets("v1", "v2");
    GrayRelease engine = cluster.engine(new Actor("resume-test", "junit"));

    @BeforeEach
    void start() {
        // The sandbox runs a reviews-v2 Deployment for subset v2; the approvals below are given for its image 2.0.
        cluster.client().apps().deployments().inNamespace("shop").withName("reviews-v2").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("example.org/reviews:2.0");
            return d;
        });
    }

    static ReleaseTarget target() {
        return ReleaseTarget.builder("shop", "reviews").route("primary").stableSubset("v1").canarySubset("v2").build();
    }

    /** Run {@code id} approves step 2 (promote) and is cancelled in the pause after it, as a build that was aborted. */
    private void approvedThenInterrupted(String id) throws Exception {
        RecordingListener listener = new RecordingListener();
        RolloutRunner runner = new RolloutRunner(engine, new ScriptedGate(Decision.promote("alice")), listener,
                RolloutRunner.Settings.defaults().withRunId(id));
        listener.onStepStarted = (index, step) -> {
            if (index == 2) {
                CompletableFuture.runAsync(runner::cancel);
            }
        };
        RolloutResult result = CompletableFuture.supplyAsync(() -> runner.run(new PlanParser().parse(PLAN, "plan.yaml")))
                .get(30, TimeUnit.SECONDS);
        assertThat(result.outcome()).as(listener.log()).isEqualTo(Outcome.CANCELLED);
        assertThat(result.message()).contains("resume run " + id);
        RolloutProgress recorded = engine.status(target()).state().rollout();
        assertThat(recorded.run()).isEqualTo(id);
        assertThat(recorded.digest().podTemplate()).isNotNull();
    }

    /** Runs the plan as run {@code id} up to its pause, where it is cancelled; returns the questions its gate was asked. */
    private Resumed rerun(String id, String plan) throws Exception {
        return rerun(RolloutRunner.Settings.defaults().withRunId(id), plan);
    }

    private Resumed rerun(RolloutRunner.Settings settings, String plan) throws Exception {
        RecordingListener listener = new RecordingListener();
        ScriptedGate gate = new ScriptedGate(Decision.promote("bob"));
        RolloutRunner runner = new RolloutRunner(engine, gate, listener, settings);
        listener.onStepStarted = (index, step) -> {
            if (step.kind().equals("pause")) {
                CompletableFuture.runAsync(runner::cancel);
            }
        };
        RolloutResult result = CompletableFuture.supplyAsync(() -> runner.run(new PlanParser().parse(plan, "plan.yaml")))
                .get(30, TimeUnit.SECONDS);
        return new Resumed(result, gate, listener);
    }

    record Resumed(RolloutResult result, ScriptedGate gate, RecordingListener listener) {
    }

    @Test
    void theSameRunWithTheSamePlanAndCanaryResumesWithoutAskingAgain() throws Exception {
        approvedThenInterrupted("r-41");

        Resumed again = rerun("r-41", PLAN);

        assertThat(again.gate().asked()).as(again.listener().log()).isEmpty();
        assertThat(again.listener().log()).contains("Resuming rollout reviews-v2 at step 3 of 4");
        assertThat(again.listener().startedSteps).containsExactly(2);
    }

    @Test
    void anotherRunStartsOverAndAsksTheApprovalAgainSayingWhy() throws Exception {
        approvedThenInterrupted("r-41");

        Resumed other = rerun("r-42", PLAN);

        assertThat(other.gate().asked()).as(other.listener().log()).hasSize(1);
        assertThat(other.listener().startedSteps).startsWith(0, 1);
        assertThat(other.listener().log()).contains("made by run r-41, not by this run (r-42): starting over,"
                + " approvals are asked again");
    }

    @Test
    void aNewImageInTheSameCanaryIsAskedAgainEvenByTheSameRun() throws Exception {
        approvedThenInterrupted("r-41");
        cluster.client().apps().deployments().inNamespace("shop").withName("reviews-v2")
                .edit(d -> {
                    d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("example.org/reviews:2.1-unapproved");
                    return d;
                });

        Resumed resumed = rerun("r-41", PLAN);

        assertThat(resumed.gate().asked()).as(resumed.listener().log()).hasSize(1);
        assertThat(resumed.listener().log()).contains("the canary's pod template (image, env, args) changed since its approvals");
        assertThat(resumed.listener().startedSteps).startsWith(0, 1);
        assertThat(engine.status(target()).phase()).isEqualTo(Phase.ABORTED);
    }

    @Test
    void aChangedPlanStartsOverEvenForTheSameRun() throws Exception {
        approvedThenInterrupted("r-41");

        Resumed resumed = rerun("r-41", PLAN.replace("setWeight: 50", "setWeight: 60"));

        assertThat(resumed.gate().asked()).hasSize(1);
        assertThat(resumed.listener().log()).contains("but the plan changed since");
    }

    @Test
    void anApprovalTheRunsOwnRecordDoesNotHoldIsAskedAgain() throws Exception {
        approvedThenInterrupted("r-41");

        // Jenkins: the cluster says step 2 was approved, the build's record (build.xml) does not.
        Resumed resumed = rerun(RolloutRunner.Settings.defaults().withRunId("r-41").withApprovalProof((step, key) -> false), PLAN);

        assertThat(resumed.gate().asked()).as(resumed.listener().log()).hasSize(1);
        assertThat(resumed.listener().log()).contains("but this run's own record does not hold that approval: starting over");
    }

    @Test
    void theApprovalsKeyChangesWithTheCanarysPodTemplate() throws Exception {
        approvedThenInterrupted("r-41");
        java.util.List<String> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
        ApprovalProof recordingProof = (step, key) -> keys.add(key);
        Resumed first = rerun(RolloutRunner.Settings.defaults().withRunId("r-41").withApprovalProof(recordingProof), PLAN);
        assertThat(keys).as(first.listener().log()).hasSize(1);
        approvedThenInterrupted("r-41");
        cluster.client().apps().deployments().inNamespace("shop").withName("reviews-v2").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setArgs(java.util.List.of("--unapproved-flag"));
            return d;
        });

        Resumed resumed = rerun(RolloutRunner.Settings.defaults().withRunId("r-41").withApprovalProof(recordingProof), PLAN);

        assertThat(keys).as(resumed.listener().log()).hasSize(1);
        assertThat(resumed.gate().asked()).singleElement().satisfies(r -> assertThat(r.givenFor()).isNotEqualTo(keys.get(0)));
    }
}
