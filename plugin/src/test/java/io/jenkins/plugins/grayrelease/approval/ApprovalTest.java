package io.jenkins.plugins.grayrelease.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An approval offers what its step allows, is answered once, and says who answered first. */
class ApprovalTest {

    private static Approval approval(List<DecisionKind> choices) {
        return new Approval("approval-7", "shop/reviews", new Question("Promote?", " alice, release-managers ", choices, java.time.Duration.ofMinutes(30)), 1_000L);
    }

    @Test
    void theStepsDefaultOffersPromoteRollbackAndWeightButNotAbort() {
        Approval a = approval(GrayApprovalStep.kinds(GrayApprovalStep.DEFAULT_CHOICES));
        assertThat(a.getChoiceNames()).containsExactly("promote", "rollback", "setWeight");
        assertThat(a.offers(DecisionKind.ABORT)).isFalse();
    }

    @Test
    void theFirstAnswerWinsAndTheSecondIsToldWhoAnswered() {
        Approval a = approval(List.of(DecisionKind.PROMOTE, DecisionKind.ROLLBACK));

        assertThat(a.record(Decision.promote("alice"), 5_000L, null)).isNull();
        String refused = a.record(Decision.rollback("bob"), 6_000L, null);

        assertThat(refused).startsWith("This approval was already answered: promote by alice at ");
        assertThat(a.getDecision()).isEqualTo(Decision.promote("alice"));
        assertThat(a.isPending()).isFalse();
    }

    @Test
    void aClosedApprovalRefusesLateAnswers() {
        Approval a = approval(List.of(DecisionKind.PROMOTE));
        a.close("the build was stopped before anyone answered");

        assertThat(a.record(Decision.promote("alice"), 5_000L, null))
                .isEqualTo("This approval is closed: the build was stopped before anyone answered.");
        assertThat(a.isCancelled()).isTrue();
    }

    @Test
    void submittersAreTrimmed() {
        assertThat(approval(List.of(DecisionKind.PROMOTE)).getSubmitters()).containsExactly("alice", "release-managers");
    }

    @Test
    void theDeadlineCountsFromCreationNotFromARestart() {
        assertThat(approval(List.of(DecisionKind.PROMOTE)).getDeadline()).isEqualTo(1_000L + 30 * 60_000L);
    }
}
