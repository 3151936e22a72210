package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.zjsonpatch.JsonPatch;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.Layout;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The fixed stable/canary subset layout on the real API server: the
 * VirtualService only ever changes weights; the canary subset's version label is set by the
 * engine; a promotion is three guarded writes, and every state in between sends all traffic to
 * a released version and is valid for Istio.
 */
@ApiServerTest
public class FixedSubsetLayoutTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which versions take traffic, with their shares: what users of the service experience. */
    private static Map<String, Integer> traffic(JsonNode vs, JsonNode dr) {
        Map<String, String> versionOf = new TreeMap<>();
        dr.path("spec").path("subsets").forEach(s -> versionOf.put(s.path("name").asText(), s.path("labels").path("version").asText()));
        Map<String, Integer> shares = new TreeMap<>();
        for (JsonNode e : vs.path("spec").path("http").get(0).path("route")) {
            int w = e.path("weight").asInt();
            if (w > 0) {
                shares.merge(versionOf.get(e.path("destination").path("subset").asText()), w, Integer::sum);
            }
        }
        return shares;
    }

    private static String yaml(KubernetesClient client, JsonNode... objects) {
        List<String> docs = new ArrayList<>();
        for (JsonNode o : objects) {
            docs.add(client.getKubernetesSerialization().asYaml(o));
        }
        return String.join("\n---\n", docs);
    }

    @Test
    void aWholeReleaseChangesOnlyWeightsAndPromotesThroughValidStates(RealApiServer server, IstioValidator istio) throws Exception {
        String ns = server.createNamespace("fixed");
        Variant.FIXED_SUBSETS.install(server.client(), ns);
        PatchRecorder recorder = new PatchRecorder();
        try (KubernetesClient client = server.newClient(b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("patches", recorder)))) {
            GrayRelease engine = new GrayRelease(client, SampleRelease.ACTOR);
            // Detected from the subset names; only the service and the new version are named.
            ReleaseTarget target = ReleaseTarget.builder(ns, "reviews").canaryVersion("v2").build();

            ReleaseStatus at10 = engine.setWeight(target, 10, WriteOptions.defaults()).status();

            assertThat(at10.weights()).isEqualTo(new WeightSplit(90, 10));
            assertThat(at10.stable()).isEqualTo(Destination.subset("reviews", "stable"));
            assertThat(at10.canary()).isEqualTo(Destination.subset("reviews", "canary"));
            assertThat(at10.state().stableVersion()).isEqualTo("v1");
            assertThat(at10.state().canaryVersion()).isEqualTo("v2");
            ObjectNode vs = Cluster.virtualService(server.client(), ns, "reviews");
            ObjectNode dr = Cluster.destinationRule(server.client(), ns, "reviews");
            assertThat(traffic(vs, dr)).isEqualTo(Map.of("v1", 90, "v2", 10));
            assertThat(recorder.patches()).extracting(PatchRecorder.Patch::plural).containsExactly("destinationrules", "virtualservices");
            assertThat(engine.canaryMetricVersion(ReleaseTarget.builder(ns, "reviews").build())).isEqualTo("v2");

            // Moving the canary subset to another version while it takes 10 % is refused, nothing written.
            String rv = dr.path("metadata").path("resourceVersion").asText();
            assertThatThrownBy(() -> engine.setWeight(ReleaseTarget.builder(ns, "reviews").canaryVersion("v3").build(), 20, WriteOptions.defaults()))
                    .isInstanceOf(InvalidReleaseException.class)
                    .hasMessageContaining(ns + "/DestinationRule/reviews: spec.subsets[canary].labels.version: the canary subset selects version=v2 and takes traffic (10 %)");
            assertThat(Cluster.destinationRule(server.client(), ns, "reviews").path("metadata").path("resourceVersion").asText()).isEqualTo(rv);

            recorder.clear();
            ReleaseStatus promoted = engine.promote(ReleaseTarget.builder(ns, "reviews").build(), PromoteOptions.defaults()).status();

            assertThat(promoted.phase()).isEqualTo(Phase.PROMOTED);
            assertThat(promoted.weights()).isEqualTo(new WeightSplit(100, 0));
            assertThat(promoted.state().stableVersion()).isEqualTo("v2");
            List<PatchRecorder.Patch> writes = recorder.patches();
            assertThat(writes).extracting(PatchRecorder.Patch::plural)
                    .containsExactly("virtualservices", "destinationrules", "virtualservices");
            // Replay the writes on the objects as they were: every state in between, as the server stored it.
            JsonNode curVs = vs;
            JsonNode curDr = dr;
            List<Map<String, Integer>> states = new ArrayList<>();
            for (PatchRecorder.Patch write : writes) {
                JsonNode ops = JSON.readTree(write.body());
                assertThat(ops.get(0).toString()).as("guarded by the resourceVersion read")
                        .startsWith("{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\"");
                if (write.plural().equals("virtualservices")) {
                    curVs = JsonPatch.apply(ops, curVs);
                } else {
                    curDr = JsonPatch.apply(ops, curDr);
                }
                states.add(traffic(curVs, curDr));
                IstioValidator.IstioValidation v = istio.validate(yaml(server.client(), curVs, curDr));
                assertThat(v.valid()).as("state " + states.size() + ":\n" + v.output()).isTrue();
            }
            assertThat(states).containsExactly(Map.of("v2", 100), Map.of("v2", 100), Map.of("v2", 100));
            assertThat(curVs.path("spec")).isEqualTo(Cluster.virtualService(server.client(), ns, "reviews").path("spec"));
            // Only weights differ from the VirtualService in Git; the DestinationRule's stable subset now selects v2.
            assertThat(traffic(curVs, curDr)).isEqualTo(Map.of("v2", 100));
            assertThat(curDr.path("spec").path("subsets").get(0).path("labels").path("version").asText()).isEqualTo("v2");

            // Promoting again changes nothing.
            recorder.clear();
            assertThat(engine.promote(ReleaseTarget.builder(ns, "reviews").build(), PromoteOptions.defaults()).changed()).isFalse();
            assertThat(recorder.patches()).isEmpty();
        }
    }

    @Test
    void rollbackSendsEverythingToTheStableSubsetAndLeavesItsLabels(RealApiServer server, IstioValidator istio) {
        String ns = server.createNamespace("fixed-rb");
        Variant.FIXED_SUBSETS.install(server.client(), ns);
        io.jenkins.plugins.grayrelease.core.testing.Workloads.serve(server.client(), ns, "reviews", "v3");
        GrayRelease engine = new GrayRelease(server.client(), SampleRelease.ACTOR);
        // Chosen explicitly, with subsets named stable/canary as well.
        ReleaseTarget target = ReleaseTarget.builder(ns, "reviews").layout(Layout.FIXED_SUBSETS)
                .stableSubset("stable").canarySubset("canary").canaryVersion("v3").build();
        engine.setWeight(target, 40, WriteOptions.defaults());

        ReleaseStatus back = engine.rollback(ReleaseTarget.builder(ns, "reviews").build(), WriteOptions.defaults()).status();

        assertThat(back.phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(back.weights()).isEqualTo(new WeightSplit(100, 0));
        assertThat(back.drift()).isEmpty();
        assertThat(traffic(Cluster.virtualService(server.client(), ns, "reviews"), Cluster.destinationRule(server.client(), ns, "reviews")))
                .isEqualTo(Map.of("v1", 100));
        IstioValidator.IstioValidation v = istio.validateStored(ns);
        assertThat(v.valid()).as(v.output()).isTrue();
    }
}
