package io.jenkins.plugins.grayrelease.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An approval offers what its step allows, is answered once, and says who answered first. */
class ApprovalTest {

    private static Approval approval(String choices) {
        return new Approval("approval-7", "shop/reviews", "Promote?", " alice, release-managers ", choices, 1_000L, 30);
    }

    @Test
    void defaultChoicesOfferPromoteRollbackAndWeightButNotAbort() {
        Approval a = approval(null);
        assertThat(a.offers(Decision.promote())).isTrue();
        assertThat(a.offers(Decision.weight(30))).isTrue();
        assertThat(a.offers(Decision.abort())).isFalse();
    }

    @Test
    void narrowedChoicesRefuseTheOthers() {
        Approval a = approval("promote, rollback");
        assertThat(a.getChoices()).containsExactly("promote", "rollback");
        assertThat(a.offers(Decision.weight(10))).isFalse();
    }

    @Test
    void anUnknownChoiceIsNamed() {
        assertThatThrownBy(() -> Approval.validateChoices("promote,ship"))
                .hasMessageContaining("'ship' is not a decision");
    }

    @Test
    void submittersAreTrimmed() {
        assertThat(approval(null).getSubmitters()).containsExactly("alice", "release-managers");
    }

    @Test
    void theDeadlineCountsFromCreationNotFromARestart() {
        assertThat(approval(null).getDeadline()).isEqualTo(1_000L + 30 * 60_000L);
    }
}
