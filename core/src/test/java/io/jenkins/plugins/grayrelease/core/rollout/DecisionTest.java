package io.jenkins.plugins.grayrelease.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The decision vocabulary every front end shares: how answers are read, and what nobody answering means. */
class DecisionTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "promote,,promote",
        "ROLLBACK,,rollback",
        "setWeight,30,setWeight 30",
        "setweight, 0 ,setWeight 0",
        "abort,,abort"})
    void answersAreReadAsTheyAreSpelledInPlans(String kind, String weight, String described) {
        assertThat(Decision.parse(kind, weight, "alice").describe()).isEqualTo(described);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "approve||'approve' is not a decision; use one of promote, rollback, setWeight, abort",
        "setWeight|lots|weight 'lots' is not a number; give a whole percentage from 0 to 100",
        "setWeight||weight '' is not a number",
        "setWeight|101|weight 101 is outside 0-100"})
    void badAnswersAreRefusedWithTheFix(String kind, String weight, String message) {
        assertThatThrownBy(() -> Decision.parse(kind, weight, "alice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void nobodyAnsweringTakesTheStepsChoiceElseRollback() {
        assertThat(Decision.timedOut(Optional.empty(), Duration.ofMinutes(5)))
                .isEqualTo(new Decision(DecisionKind.ROLLBACK, 0, "timeout after 5m", true));
        assertThat(Decision.timedOut(Optional.of(DecisionKind.PROMOTE), Duration.ofSeconds(30)).kind())
                .isEqualTo(DecisionKind.PROMOTE);
        assertThat(Decision.noAnswerPossible(Optional.empty(), "erin"))
                .isEqualTo(new Decision(DecisionKind.ROLLBACK, 0, "erin (input closed)", false));
    }
}
