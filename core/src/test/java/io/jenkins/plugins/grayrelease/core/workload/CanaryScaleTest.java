package io.jenkins.plugins.grayrelease.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanaryScaleTest {

    @ParameterizedTest(name = "{0} stable replicas at {1} % → {2} canary replicas")
    @CsvSource({
        "3, 10, 1",   // 0.3 rounds up
        "3, 34, 2",   // 1.02 rounds up
        "3, 33, 1",   // 0.99 rounds up to 1
        "10, 50, 5",  // exact
        "10, 51, 6",
        "4, 100, 4",  // promotion: as many as the stable
        "5, 0, 1",    // no traffic: still one pod, ready for the next shift
        "0, 50, 1",   // a stable scaled to zero: at least one
        "7, 99, 7"})
    void trafficScaleIsTheCeilingOfTheCanarysShareAndAtLeastOne(int stable, int weight, int canary) {
        assertThat(CanaryScale.parse("traffic").replicasFor(stable, weight)).isEqualTo(canary);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"3", " 3 "})
    void aNumberIsThatManyReplicasWhateverTheWeight(String text) {
        CanaryScale scale = CanaryScale.parse(text);

        assertThat(scale.replicasFor(10, 90)).isEqualTo(3);
        assertThat(scale.text()).isEqualTo("3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "half | 'half' is not a canary scale; write 'traffic' (the canary's replicas follow its share of traffic) or a number of replicas such as 2",
        "0    | a canary scale of 0 replicas is too small; give 1 or more (a canary without pods cannot take traffic; roll back to stop it)",
        "-2   | a canary scale of -2 replicas is too small"})
    void badScalesAreRefusedSayingWhatIsAllowed(String text, String message) {
        assertThatThrownBy(() -> CanaryScale.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
}
