package io.jenkins.plugins.grayrelease.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one duration format of plans, grayctl's options and the Jenkins steps. */
class DurationsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "10m, PT10M", "1h30m, PT1H30M", "2d, PT48H", "' 90s ', PT1M30S",
        "0s, PT0S"})
    void thePlansFormReads(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
        assertThat(Durations.parse(text, ChronoUnit.MINUTES)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} in {1} is {2}")
    @CsvSource({"30, MINUTES, PT30M", "0, MINUTES, PT0S", "90, SECONDS, PT1M30S"})
    void aWholeNumberCountsInTheParametersDocumentedUnit(String text, ChronoUnit unit, Duration expected) {
        assertThat(Durations.parse(text, unit)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource({"30", "5x", "1.5m", "m", "-5m", "''", "5 m"})
    void withoutADocumentedUnitEveryOtherTextIsRefusedNamingTheForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration; write a number with a unit (ms, s, m, h, d),"
                        + " for example 30s, 5m or 1h30m");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"5x", "1.5", "-5", "thirty"})
    void withADocumentedUnitTheMessageAlsoOffersTheWholeNumber(String text) {
        assertThatThrownBy(() -> Durations.parse(text, ChronoUnit.MINUTES))
                .hasMessage("'" + text + "' is not a duration; write a number with a unit (ms, s, m, h, d),"
                        + " for example 30s, 5m or 1h30m, or a whole number of minutes");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"500ms", "30s", "10m", "2h", "90s"})
    void formatReadsBackToTheSameDuration(String text) {
        assertThat(Durations.parse(Durations.format(Durations.parse(text)))).isEqualTo(Durations.parse(text));
    }
}
