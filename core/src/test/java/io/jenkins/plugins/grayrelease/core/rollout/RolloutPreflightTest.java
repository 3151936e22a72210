package io.jenkins.plugins.grayrelease.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PrometheusSpec;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.jenkins.plugins.grayrelease.core.errors.AnalysisUnavailableException;

/** A plan that would fail half-way is refused before its first write. */
class RolloutPreflightTest {
    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSubsets("v1", "v2", "v3", "v4", "v5");
    GrayRelease engine = cluster.engine(new Actor("preflight-test", null));
    String before = cluster.virtualService().toString();

    RolloutResult run(String yaml) {
        return new RolloutRunner(engine, ScriptedGate.silent(), new RolloutListener() { },
                RolloutRunner.Settings.defaults()).run(new PlanParser().parse(yaml, "plan.yaml"));
    }

    @Test
    void canarySubsetMissingFromTheDestinationRuleIsRefusedBeforeAnyWrite() {
        assertThatThrownBy(() -> run("""
                target: {namespace: shop, service: reviews, route: primary, stable: v1, canary: v9}
                steps: [{setWeight: 10}, {approval: {}}]
                """)).isInstanceOf(InvalidReleaseException.class).hasMessageContaining("v9");

        assertThat(cluster.virtualService().toString()).isEqualTo(before);
    }

    @Test
    void invalidTesterRegexInALaterStepIsRefusedBeforeTheFirstWeightIsWritten() {
        assertThatThrownBy(() -> run("""
                target: {namespace: shop, service: reviews, route: primary, stable: v1, canary: v2}
                steps:
                  - setWeight: 10
                  - testers: {headerRegexes: {x-user: "(unclosed"}}
                """)).isInstanceOf(InvalidReleaseException.class);

        assertThat(cluster.virtualService().toString()).isEqualTo(before);
    }

    @Test
    void unreachablePrometheusIsRefusedBeforeAnyWrite() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> run("""
                target: {namespace: shop, service: reviews, route: primary, stable: v1, canary: v2}
                prometheus: {url: 'http://127.0.0.1:%d'}
                steps:
                  - setWeight: 10
                  - analysis: {metrics: [{name: sr, template: successRate, min: 99}]}
                """.formatted(closedPort)))
                .isInstanceOf(AnalysisUnavailableException.class)
                .hasMessageContaining("prometheus.url", "cannot connect", "nothing was changed");

        assertThat(cluster.virtualService().toString()).isEqualTo(before);
    }

    @Test
    void aPlanWithoutPrometheusUsesTheCallersDefaultPrometheus() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RolloutPlan plan = new PlanParser().parse("""
                target: {namespace: shop, service: reviews, route: primary, stable: v1, canary: v2}
                steps:
                  - setWeight: 10
                  - analysis: {metrics: [{name: sr, template: successRate, min: 99}]}
                """, "plan.yaml", null, new PrometheusSpec("http://127.0.0.1:" + closedPort, null, null));

        assertThatThrownBy(() -> new RolloutRunner(engine, ScriptedGate.silent(), new RolloutListener() { },
                RolloutRunner.Settings.defaults()).run(plan))
                .isInstanceOf(AnalysisUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort);

        assertThat(cluster.virtualService().toString()).isEqualTo(before);
    }
}
