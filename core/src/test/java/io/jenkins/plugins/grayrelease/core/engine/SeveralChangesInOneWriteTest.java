package io.jenkins.plugins.grayrelease.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.routing.RouteChange;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import io.jenkins.plugins.grayrelease.core.testing.Yaml;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code apply}: a weight, a tester route and a mirror asked for together are one guarded write. */
class SeveralChangesInOneWriteTest {

    private static final String VS = "/apis/networking.istio.io/v1/namespaces/shop/virtualservices/reviews";

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSampleApp();
    private final GrayRelease engine = cluster.engine();
    private final ReleaseTarget target = SampleTargets.reviews();
    private final TesterRoute testers = new TesterRoute(List.of(TesterMatch.header("x-tester", "yes")));

    @Test
    void weightTestersAndMirrorLandInOnePatchAndOneRecordedChange() {
        int before = cluster.faults().requests().size();

        OperationResult r = engine.apply(target, List.of(new RouteChange.SetWeight(10), new RouteChange.SetTesters(testers),
                new RouteChange.SetMirror(5)), WriteOptions.defaults());

        List<String> calls = cluster.faults().requests().subList(before, cluster.faults().requests().size());
        assertThat(calls.stream().filter(c -> c.startsWith("PATCH")).map(c -> c.split("\\?")[0])).containsExactly("PATCH " + VS);
        assertThat(r.changed()).isTrue();
        assertThat(r.status().weights()).isEqualTo(WeightSplit.canary(10));
        assertThat(r.status().testers()).containsExactly(TesterMatch.header("x-tester", "yes"));
        assertThat(r.status().mirrorPercent()).isEqualTo(5);
        assertThat(r.status().state().lastChange().action()).isEqualTo("setWeight 10, setTesters 1 match, setMirror 5");
        JsonNode http = cluster.virtualService("reviews").path("spec").path("http");
        assertThat(Yaml.route(cluster.virtualService("reviews"), "gray-primary-testers")).isNotNull();
        assertThat(http.toString()).contains("\"weight\":10");
    }

    @Test
    void repeatingTheSameChangesWritesNothing() {
        List<RouteChange> changes = List.of(new RouteChange.SetWeight(20), new RouteChange.SetTesters(testers));
        engine.apply(target, changes, WriteOptions.defaults());
        String rv = cluster.virtualService("reviews").path("metadata").path("resourceVersion").asText();

        OperationResult again = engine.apply(target, changes, WriteOptions.defaults());

        assertThat(again.changed()).isFalse();
        assertThat(cluster.virtualService("reviews").path("metadata").path("resourceVersion").asText()).isEqualTo(rv);
    }

    @Test
    void aBadChangeAmongGoodOnesWritesNothing() {
        String before = cluster.virtualService("reviews").toString();

        assertThatThrownBy(() -> engine.apply(target, List.of(new RouteChange.SetWeight(10), new RouteChange.SetMirror(101)),
                WriteOptions.defaults()))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessageContaining("shop/VirtualService/reviews")
                .hasMessageContaining("mirror")
                .hasMessageContaining("101 is outside 0-100");
        assertThat(cluster.virtualService("reviews").toString()).isEqualTo(before);
    }

    @Test
    void contradictoryOrEmptyChangesAreRefusedBeforeAnythingIsRead() {
        int before = cluster.faults().requests().size();

        assertThatThrownBy(() -> engine.apply(target, List.of(), WriteOptions.defaults()))
                .hasMessageContaining("changes: nothing to change was given");
        assertThatThrownBy(() -> engine.apply(target, List.of(new RouteChange.SetTesters(testers), new RouteChange.RemoveTesters()),
                WriteOptions.defaults()))
                .hasMessageContaining("contradict each other");
        assertThatThrownBy(() -> engine.apply(target, List.of(new RouteChange.SetWeight(10), new RouteChange.SetWeight(20)),
                WriteOptions.defaults()))
                .hasMessageContaining("setWeight is given twice");
        assertThatThrownBy(() -> engine.apply(target, List.of(new RouteChange.SetWeight(10), new RouteChange.Promote()),
                WriteOptions.defaults()))
                .hasMessageContaining("promote cannot be combined with other changes");

        assertThat(cluster.faults().requests().size()).isEqualTo(before);
    }
}
