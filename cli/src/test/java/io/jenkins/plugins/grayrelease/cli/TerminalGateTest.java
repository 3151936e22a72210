package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.rollout.ApprovalRequest;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class TerminalGateTest {
    private final StringWriter printed = new StringWriter();
    private final PrintWriter out = new PrintWriter(printed, true);

    static ApprovalRequest request(Set<DecisionKind> allowed, DecisionKind onTimeout) {
        return new ApprovalRequest("reviews-v2", 2, "Go to 50 %?", allowed, Optional.of(Duration.ofMinutes(30)),
                Optional.ofNullable(onTimeout), null);
    }

    static ApprovalRequest anyDecision() {
        return request(EnumSet.allOf(DecisionKind.class), DecisionKind.ROLLBACK);
    }

    String printed() {
        synchronized (printed.getBuffer()) {
            return printed.toString();
        }
    }

    @Test
    void answersAreReadWithTheirShortForms() throws InterruptedException {
        TerminalGate gate = new TerminalGate(new StringReader("p\nweight 30\nr\n45%\nabort\n"), out, false, "erin");

        assertThat(gate.decide(anyDecision())).isEqualTo(Decision.promote("erin"));
        assertThat(gate.decide(anyDecision())).isEqualTo(Decision.setWeight(30, "erin"));
        assertThat(gate.decide(anyDecision())).isEqualTo(Decision.rollback("erin"));
        assertThat(gate.decide(anyDecision())).isEqualTo(Decision.setWeight(45, "erin"));
        assertThat(gate.decide(anyDecision())).isEqualTo(Decision.abort("erin"));
        assertThat(printed()).contains("? Approval (step 3 of reviews-v2): Go to 50 %?", "(after 30m: rollback)");
    }

    @Test
    void unclearOrNotOfferedAnswersAreAskedAgain() throws InterruptedException {
        TerminalGate gate = new TerminalGate(new StringReader("weight 30\nmaybe\nweight 130\nrollback\n"), out, false,
                "erin");

        Decision decision = gate.decide(request(EnumSet.of(DecisionKind.PROMOTE, DecisionKind.ROLLBACK), null));

        assertThat(decision.kind()).isEqualTo(DecisionKind.ROLLBACK);
        assertThat(printed()).contains("setWeight is not offered here", "not understood: 'maybe'",
                "not understood: 'weight 130'");
    }

    @Test
    void yesApprovesWithoutReadingAndSaysWhoDecided() throws InterruptedException {
        TerminalGate gate = new TerminalGate(new StringReader(""), out, true, "erin");

        Decision decision = gate.decide(anyDecision());

        assertThat(decision).isEqualTo(Decision.promote("--yes"));
        assertThat(printed()).contains("promote (--yes)");
    }

    @Test
    void closedInputTakesTheStepsDefaultInsteadOfApproving() throws InterruptedException {
        TerminalGate gate = new TerminalGate(new StringReader(""), out, false, "erin");

        Decision decision = gate.decide(anyDecision());

        assertThat(decision.kind()).isEqualTo(DecisionKind.ROLLBACK);
        assertThat(decision.decidedBy()).isEqualTo("erin (input closed)");
        assertThat(printed()).contains("input closed: taking rollback", "--yes");
    }

    @Test
    void noRollsBackLikeRollback() throws InterruptedException {
        TerminalGate gate = new TerminalGate(new StringReader("n\n"), out, false, "erin");

        assertThat(gate.decide(anyDecision())).isEqualTo(Decision.rollback("erin"));
    }

    @Test
    void aQuestionAbandonedAtItsTimeoutDoesNotSwallowTheNextAnswer() throws Exception {
        PipedWriter typing = new PipedWriter();
        TerminalGate gate = new TerminalGate(new PipedReader(typing), out, false, "erin");
        ExecutorService asker = Executors.newSingleThreadExecutor();
        CountDownLatch firstGaveUp = new CountDownLatch(1);
        try {
            Future<?> first = asker.submit(() -> {
                try {
                    gate.decide(anyDecision());
                } catch (InterruptedException e) {
                    firstGaveUp.countDown();
                }
            });
            // The question is being waited on once its prompt is out; then the runner's timeout interrupts it.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> printed().contains(" > "));
            first.cancel(true);
            assertThat(firstGaveUp.await(10, TimeUnit.SECONDS)).as("the first question stopped waiting").isTrue();

            Future<Decision> second = CompletableFuture.supplyAsync(() -> {
                try {
                    return gate.decide(anyDecision());
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            typing.write("promote\n");
            typing.flush();

            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(Decision.promote("erin"));
        } finally {
            asker.shutdownNow();
            typing.close();
        }
    }

    /** The release as {@code grayctl status} reads it while a rollout waits at step 3 for an answer from any shell. */
    static ApprovalRequest waitingOnTheCluster() {
        io.jenkins.plugins.grayrelease.core.Destination v1 = io.jenkins.plugins.grayrelease.core.Destination.subset("reviews", "v1");
        io.jenkins.plugins.grayrelease.core.Destination v2 = io.jenkins.plugins.grayrelease.core.Destination.subset("reviews", "v2");
        var question = new io.jenkins.plugins.grayrelease.core.state.RolloutProgress.Question("Go to 50 %?",
                java.util.List.of("promote", "rollback"), null, null);
        var progress = new io.jenkins.plugins.grayrelease.core.state.RolloutProgress("reviews-v2", 2, "approval", "running", null)
                .withRun("r-1234abcd", null).withQuestion(question);
        var state = new io.jenkins.plugins.grayrelease.core.state.ReleaseState(v1, v2, 10,
                io.jenkins.plugins.grayrelease.core.state.Phase.PAUSED, progress, null);
        var status = new io.jenkins.plugins.grayrelease.core.ReleaseStatus("shop", "reviews",
                io.jenkins.plugins.grayrelease.core.RouteKind.VIRTUAL_SERVICE, "reviews", "primary", v1, v2,
                io.jenkins.plugins.grayrelease.core.WeightSplit.canary(10), null, 0, state, null, null, "7");
        return new ApprovalRequest("reviews-v2", 2, "Go to 50 %?", EnumSet.of(DecisionKind.PROMOTE, DecisionKind.ROLLBACK),
                Optional.of(Duration.ofMinutes(30)), Optional.empty(), status);
    }

    @Test
    void withInputClosedARolloutWaitsForAnAnswerFromAnotherShellAndSaysHow() throws Exception {
        TerminalGate gate = new TerminalGate(new StringReader(""), out, false, "erin", true);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Decision> asked = thread.submit(() -> gate.decide(waitingOnTheCluster()));

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> printed().contains("input closed"));
            assertThat(printed()).contains("  or answer from any shell: grayctl -n shop decide reviews promote|rollback",
                    "  input closed: waiting for an answer from another shell until the timeout (after 30m: rollback):"
                            + " grayctl -n shop decide reviews promote|rollback");
            assertThat(asked).as("no decision taken while the timeout has not passed").isNotDone();
            asked.cancel(true);
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void theDemosGateStillTakesTheTimeoutsDecisionWhenInputCloses() throws InterruptedException {
        TerminalGate gate = new TerminalGate(new StringReader(""), out, false, "erin");

        assertThat(gate.decide(waitingOnTheCluster()).kind()).isEqualTo(DecisionKind.ROLLBACK);
        assertThat(printed()).contains("input closed: taking rollback");
    }
}
