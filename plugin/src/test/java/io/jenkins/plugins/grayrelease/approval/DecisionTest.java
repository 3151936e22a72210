package io.jenkins.plugins.grayrelease.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the build page's buttons send becomes the value grayApproval returns. */
class DecisionTest {

    @ParameterizedTest
    @CsvSource({
        "promote,,promote",
        "ROLLBACK,,rollback",
        "weight,30,30",
        "weight, 0 ,0",
        "abort,,abort",
        "45,,45",
    })
    void buttonsBecomeTheReturnedValue(String decision, String weight, String returned) {
        assertThat(Decision.parse(decision, weight).toString()).isEqualTo(returned);
    }

    @ParameterizedTest
    @CsvSource({
        "weight,101,weight 101 is outside 0–100",
        "weight,ten,weight 'ten' is not a number",
        "weight,,weight '' is not a number",
        "ship-it,,decision 'ship-it' is not one of promote, rollback, weight, abort",
    })
    void badAnswersAreRefusedWithASentence(String decision, String weight, String message) {
        assertThatThrownBy(() -> Decision.parse(decision, weight == null ? "" : weight))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
