package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every grayctl option that is a duration reads the plan's form ({@code 30s}, {@code 10m},
 * {@code 1h30m}); anything else is a usage error (exit 2, before any cluster is contacted) naming the
 * option, the value and the accepted forms.
 */
class DurationOptionsTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "deploy reviews --image reviews:2 --version v2, --timeout, 5x",
        "deploy reviews --image reviews:2 --version v2, --timeout, 300",
        "status reviews --watch, --timeout, 1.5m",
        "promote reviews, --scale-down-delay, soon"
    })
    void aDurationOptionNamesTheOptionTheValueAndTheForms(String command, String option, String value) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command.split(" ")));
        args.addAll(java.util.List.of(option, value));
        CliRun run = CliRun.run(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains(option).contains("'" + value + "' is not a duration; write a number with a unit"
                + " (ms, s, m, h, d), for example 30s, 5m or 1h30m");
    }
}
