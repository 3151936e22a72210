package io.jenkins.plugins.grayrelease.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API requests a write costs, as the server sees them: each object read once, one PATCH. */
class RequestsPerWriteTest {

    private static final String VS = "/apis/networking.istio.io/v1/namespaces/shop/virtualservices/reviews";
    private static final String DR = "/apis/networking.istio.io/v1/namespaces/shop/destinationrules/reviews";
    private static final String SERVICE = "/api/v1/namespaces/shop/services/reviews";
    private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/shop/deployments";

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSampleApp();
    private final GrayRelease engine = cluster.engine();
    private final ReleaseTarget target = SampleTargets.reviews();

    @Test
    void weightShiftReadsEachObjectOnceChecksTheCanaryAndSendsOnePatch() {
        List<String> calls = requestsOf(() -> engine.setWeight(target, 10, WriteOptions.defaults()));

        // The readiness gate: the Service's selector, and one list of the namespace's Deployments for both sides.
        assertThat(calls).containsExactly("GET " + VS, "GET " + DR, "GET " + SERVICE, "GET " + DEPLOYMENTS, "PATCH " + VS);
    }

    @Test
    void inASessionTheGateCostsOneListPerShift() {
        GrayRelease session = engine.session();
        session.setWeight(target, 10, WriteOptions.defaults());

        List<String> calls = requestsOf(() -> session.setWeight(target, 20, WriteOptions.defaults()));

        assertThat(calls).containsExactly("GET " + DEPLOYMENTS, "PATCH " + VS);
    }

    @Test
    void loweringTheWeightIsNeverCheckedSoTheWayBackCostsNothingExtra() {
        engine.setWeight(target, 20, WriteOptions.defaults());

        List<String> calls = requestsOf(() -> engine.setWeight(target, 10, WriteOptions.defaults()));

        assertThat(calls).containsExactly("GET " + VS, "GET " + DR, "PATCH " + VS);
    }

    @Test
    void conflictCostsOneMoreReadOfEachObjectAndOneMorePatch() {
        cluster.faults().concurrentEdit("PATCH", VS, "[{\"op\":\"add\",\"path\":\"/spec/hosts/-\",\"value\":\"reviews.example.org\"}]", 1);

        List<String> calls = requestsOf(() -> engine.setWeight(target, 10, WriteOptions.defaults()));

        // The canary was checked before the refused patch; the re-planned one sends it no more.
        assertThat(calls).containsExactly("GET " + VS, "GET " + DR, "GET " + SERVICE, "GET " + DEPLOYMENTS, "PATCH " + VS,
                "GET " + VS, "GET " + DR, "PATCH " + VS);
    }

    @Test
    void addingTheCanarySubsetPatchesTheDestinationRuleWithoutReadingItAgainFirst() {
        cluster.client().genericKubernetesResources(io.jenkins.plugins.grayrelease.core.cluster.IstioResources.DESTINATION_RULE)
                .inNamespace("shop").withName("reviews").patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                        io.fabric8.kubernetes.client.dsl.base.PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"/spec/subsets/1\"}]");

        List<String> calls = requestsOf(() -> engine.setWeight(target, 10, WriteOptions.defaults().withAddCanarySubset(true)));

        assertThat(calls).containsExactly("GET " + VS, "GET " + DR, "GET " + SERVICE, "GET " + DEPLOYMENTS, "PATCH " + DR,
                "GET " + VS, "GET " + DR, "PATCH " + VS);
    }

    private List<String> requestsOf(Runnable operation) {
        int before = cluster.faults().requests().size();
        operation.run();
        List<String> all = cluster.faults().requests();
        return all.subList(before, all.size()).stream().map(r -> r.split("\\?")[0]).toList();
    }
}
