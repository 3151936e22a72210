package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKinds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the real API server does that the mock server does not: schema checks, dry runs that store nothing. */
@ApiServerTest
class ServerSideDryRunTest {

    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

    private static String primaryRouteWeights(Object stableWeight, Object canaryWeight) {
        return """
                {"spec":{"http":[{"name":"primary","route":[
                  {"destination":{"host":"reviews","subset":"v1"},"weight":%s},
                  {"destination":{"host":"reviews","subset":"v2"},"weight":%s}]}]}}
                """.formatted(stableWeight, canaryWeight);
    }

    @Test
    void schemaInvalidWeightIsRejectedByServerSideDryRunAndNothingIsStored(RealApiServer server) {
        String namespace = server.createNamespace("dryrun-invalid");
        Variant.ADMIN_ROUTE.install(server.client(), namespace);
        Resource<GenericKubernetesResource> vs = server.client().genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE)
                .inNamespace(namespace).withName(Variant.ADMIN_ROUTE.service());
        String before = vs.get().getMetadata().getResourceVersion();

        KubernetesClientException rejected = catchThrowableOfType(KubernetesClientException.class,
                () -> vs.dryRun().patch(MERGE, primaryRouteWeights("\"ninety\"", 10)));

        assertThat(rejected).as("the API server must reject a string weight").isNotNull();
        assertThat(rejected.getCode()).isEqualTo(422);
        assertThat(rejected.getStatus().getDetails().getCauses())
                .anySatisfy(cause -> assertThat(cause.getField()).contains("weight"));
        assertThat(vs.get().getMetadata().getResourceVersion()).isEqualTo(before);
    }

    @Test
    void validChangeInServerSideDryRunIsReturnedButNotStored(RealApiServer server) {
        String namespace = server.createNamespace("dryrun-valid");
        Variant.ADMIN_ROUTE.install(server.client(), namespace);
        Resource<GenericKubernetesResource> vs = server.client().genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE)
                .inNamespace(namespace).withName(Variant.ADMIN_ROUTE.service());
        GenericKubernetesResource before = vs.get();

        GenericKubernetesResource wouldBe = vs.dryRun().patch(MERGE, primaryRouteWeights(90, 10));

        assertThat(canaryWeight(wouldBe)).isEqualTo(10);
        GenericKubernetesResource after = vs.get();
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(after.getAdditionalProperties().get("spec")).isEqualTo(before.getAdditionalProperties().get("spec"));
    }

    @SuppressWarnings("unchecked")
    private static Object canaryWeight(GenericKubernetesResource vs) {
        Map<String, Object> spec = (Map<String, Object>) vs.getAdditionalProperties().get("spec");
        Map<String, Object> primary = ((List<Map<String, Object>>) spec.get("http")).get(0);
        return ((List<Map<String, Object>>) primary.get("route")).get(1).get("weight");
    }
}
