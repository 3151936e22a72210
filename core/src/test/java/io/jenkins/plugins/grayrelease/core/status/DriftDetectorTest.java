package io.jenkins.plugins.grayrelease.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.routing.RouteObservation;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {

    private static final Destination V1 = Destination.subset("reviews", "v1");
    private static final Destination V2 = Destination.subset("reviews", "v2");
    private static final Destination V5 = Destination.subset("reviews", "v5");

    private static RouteObservation route(int stable, int canary, List<Destination> others, List<TesterMatch> testers) {
        return new RouteObservation("primary", new WeightSplit(stable, canary), others, testers, 0);
    }

    @Test
    void agreeingStateAndRouteHaveNoDrift() {
        ReleaseState state = new ReleaseState(V1, V2, 10, Phase.PROGRESSING, null, null);
        assertThat(DriftDetector.detect(state, route(90, 10, List.of(), List.of()), Variant.SUBSETS.tree("DestinationRule"))).isEmpty();
    }

    @Test
    void everyDisagreementIsOneSentence() {
        ReleaseState state = new ReleaseState(V1, V5, 10, Phase.PROGRESSING, null, null);
        assertThat(DriftDetector.detect(state, route(70, 30, List.of(Destination.host("legacy")), List.of()),
                Variant.SUBSETS.tree("DestinationRule"))).containsExactly(
                "the state records 10 % to the canary v5 but the route sends 30 %",
                "the route sends traffic to legacy, which the state records neither as stable nor as canary",
                "the recorded canary subset v5 is missing from the DestinationRule");
    }

    @Test
    void finishedReleaseWithTrafficOrTestersLeftIsDrift() {
        ReleaseState state = new ReleaseState(V2, null, 0, Phase.ROLLED_BACK, null, null);
        assertThat(DriftDetector.detect(state, route(60, 0, List.of(), List.of(TesterMatch.header("x", "1"))),
                Variant.SUBSETS.tree("DestinationRule"))).containsExactly(
                "the state records no release under way (phase ROLLED_BACK) but the route sends 60 % to the stable v2",
                "the state records phase ROLLED_BACK but a Gray Release tester route is still in place");
    }

    @Test
    void noStateMeansNoDrift() {
        assertThat(DriftDetector.detect(null, route(50, 50, List.of(), List.of()), null)).isEmpty();
    }
}
