package io.jenkins.plugins.grayrelease.core.it.xds;

import static io.jenkins.plugins.grayrelease.core.it.xds.MeshApp.CANARY;
import static io.jenkins.plugins.grayrelease.core.it.xds.MeshApp.NO_HEADERS;
import static io.jenkins.plugins.grayrelease.core.it.xds.MeshApp.STABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the engine writes, turned into traffic by Istio's real control plane: istiod configures a
 * proxyless gRPC client from the stored VirtualService and DestinationRule, and the client's calls
 * are counted per answering version ({@value MeshApp#CALLS} calls per case, asserted within the
 * 99.9 % binomial bound, exactly at 0 % and 100 %).
 */
@IstiodTest
class IstiodRoutingTest {

    private static final Map<String, String> TESTER = Map.of("x-canary", "yes");
    private static final Map<String, String> TEAM_QA = Map.of("x-team", "qa");
    private static final Map<String, String> MOBILE = Map.of("x-client", "mobile");

    @Test
    void setWeightSplitsCallsAsWrittenAndReachesTheClientQuickly(XdsMesh mesh) {
        try (MeshApp app = mesh.install("xds-weights")) {
            int previous = 0;
            List<String> propagation = new ArrayList<>();
            for (int weight : new int[] {0, 10, 50, 100}) {
                app.engine().setWeight(app.target(), weight, WriteOptions.defaults());
                Duration took = app.awaitCanaryShare(NO_HEADERS, previous, weight);
                if (weight != previous) {
                    propagation.add(previous + " → " + weight + ": " + took.toMillis() + " ms");
                    assertThat(took).as("propagation of %d → %d", previous, weight).isLessThan(Duration.ofSeconds(10));
                }

                app.assertCanaryShare("setWeight " + weight, NO_HEADERS, weight);
                previous = weight;
            }
            System.out.println("xds: setWeight response → client's split matches: " + String.join(", ", propagation));
            app.assertDialedOnlyLoopbackAndRefusedNothing();
        }
    }

    @Test
    void testerHeaderRouteSendsEveryMatchingCallToTheCanaryAndLeavesOthersOnTheWeights(XdsMesh mesh) {
        try (MeshApp app = mesh.install("xds-testers")) {
            app.engine().setWeight(app.target(), 10, WriteOptions.defaults());
            app.awaitCanaryShare(NO_HEADERS, 0, 10);
            app.engine().setTesters(app.target(), TesterRoute.of(TesterMatch.header("x-canary", "yes")), WriteOptions.defaults());
            app.awaitCanaryShare(TESTER, 10, 100);

            app.assertCanaryShare("tester header x-canary: yes", TESTER, 100);
            app.assertCanaryShare("no tester header (weight 10)", NO_HEADERS, 10);
            app.assertCanaryShare("tester header with another value", Map.of("x-canary", "no"), 10);
            app.assertDialedOnlyLoopbackAndRefusedNothing();
        }
    }

    @Test
    void theApplicationTeamsOwnHeaderRoutesKeepTheirCalls(XdsMesh mesh) {
        try (MeshApp app = mesh.install("xds-team")) {
            app.engine().setWeight(app.target(), 50, WriteOptions.defaults());
            app.engine().setTesters(app.target(), TesterRoute.of(TesterMatch.header("x-canary", "yes")), WriteOptions.defaults());
            app.awaitCanaryShare(TESTER, 0, 100);
            app.awaitCanaryShare(NO_HEADERS, 0, 50);

            app.assertCanaryShare("team route x-team: qa", TEAM_QA, 0);
            // The team's route comes first, and the engine puts its tester route after it (just
            // before the managed route), so the team's calls stay theirs even from testers.
            app.assertCanaryShare("team route and tester header", Map.of("x-team", "qa", "x-canary", "yes"), 0);
            app.assertCanaryShare("team's mobile route (not managed here)", MOBILE, 0);
            app.assertCanaryShare("managed route (weight 50)", NO_HEADERS, 50);
            app.assertDialedOnlyLoopbackAndRefusedNothing();
        }
    }

    @Test
    void rollbackEndsWithEveryCallOnStableIncludingTesters(XdsMesh mesh) {
        try (MeshApp app = mesh.install("xds-rollback")) {
            app.engine().setWeight(app.target(), 50, WriteOptions.defaults());
            app.engine().setTesters(app.target(), TesterRoute.of(TesterMatch.header("x-canary", "yes")), WriteOptions.defaults());
            app.awaitCanaryShare(TESTER, 0, 100);
            app.awaitCanaryShare(NO_HEADERS, 0, 50);

            app.engine().rollback(app.target(), WriteOptions.defaults());
            app.awaitCanaryShare(NO_HEADERS, 50, 0);
            app.awaitCanaryShare(TESTER, 100, 0);

            app.assertCanaryShare("after rollback", NO_HEADERS, 0);
            app.assertCanaryShare("after rollback, tester header", TESTER, 0);
            assertThat(app.client().call(1, NO_HEADERS).count(STABLE)).isEqualTo(1);
            app.assertDialedOnlyLoopbackAndRefusedNothing();
        }
    }

    @Test
    void promoteEndsWithEveryCallOnTheCanary(XdsMesh mesh) {
        try (MeshApp app = mesh.install("xds-promote")) {
            app.engine().setWeight(app.target(), 50, WriteOptions.defaults());
            app.engine().setTesters(app.target(), TesterRoute.of(TesterMatch.header("x-canary", "yes")), WriteOptions.defaults());
            app.awaitCanaryShare(TESTER, 0, 100);
            app.awaitCanaryShare(NO_HEADERS, 0, 50);

            app.engine().promote(app.target(), PromoteOptions.defaults());
            app.awaitCanaryShare(NO_HEADERS, 50, 100);

            app.assertCanaryShare("after promote", NO_HEADERS, 100);
            app.assertCanaryShare("after promote, tester header", TESTER, 100);
            app.assertCanaryShare("after promote, team route keeps v1", TEAM_QA, 0);
            app.assertDialedOnlyLoopbackAndRefusedNothing();
        }
    }

    @Test
    void twoReleasesOnTwoRoutesOfOneVirtualServiceDoNotDisturbEachOther(XdsMesh mesh) {
        try (MeshApp app = mesh.install("xds-two")) {
            var web = app.target();
            var mobile = app.target("mobile");
            app.engine().setWeight(web, 30, WriteOptions.defaults());
            app.engine().setWeight(mobile, 80, WriteOptions.defaults());
            app.awaitCanaryShare(NO_HEADERS, 0, 30);
            app.awaitCanaryShare(MOBILE, 0, 80);
            app.assertCanaryShare("release 1 (primary) at 30", NO_HEADERS, 30);
            app.assertCanaryShare("release 2 (mobile) at 80", MOBILE, 80);

            app.engine().setWeight(web, 70, WriteOptions.defaults());
            app.awaitCanaryShare(NO_HEADERS, 30, 70);
            app.assertCanaryShare("release 1 moved to 70", NO_HEADERS, 70);
            app.assertCanaryShare("release 2 still at 80", MOBILE, 80);

            app.engine().rollback(mobile, WriteOptions.defaults());
            app.awaitCanaryShare(MOBILE, 80, 0);
            app.assertCanaryShare("release 2 rolled back", MOBILE, 0);
            app.assertCanaryShare("release 1 still at 70", NO_HEADERS, 70);
            app.assertCanaryShare("team route untouched by both", TEAM_QA, 0);
            app.assertDialedOnlyLoopbackAndRefusedNothing();
        }
    }
}
