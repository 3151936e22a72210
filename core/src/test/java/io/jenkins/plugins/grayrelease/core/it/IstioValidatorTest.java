package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.grayrelease.core.it.IstioValidator.IstioValidation;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKinds;
import org.junit.jupiter.api.Test;

/**
 * The check used on every object the engine writes can pass, and can fail. Each invalid object
 * is first accepted by the API server (its CRD schema allows it), so only Istio's validation
 * (and the weights rule tools/istio-validate adds) stands between it and the mesh.
 */
@ApiServerTest
class IstioValidatorTest {

    @Test
    void acceptsTheSampleVirtualServiceAndDestinationRuleAsStoredByTheServer(RealApiServer server, IstioValidator istio) {
        String namespace = server.createNamespace("istio-valid");
        Variant.ADMIN_ROUTE.install(server.client(), namespace);

        IstioValidation validation = istio.validateStored(namespace);

        assertThat(validation.objects()).isEqualTo(2);
        assertThat(validation.errors()).as(validation.output()).isEmpty();
        assertThat(validation.valid()).isTrue();
    }

    @Test
    void rejectsWeightsSummingTo90NamingTheObjectAndRoute(RealApiServer server, IstioValidator istio) {
        String namespace = storeSampleWithPrimaryRouteWeights(server, 60, 30);

        IstioValidation validation = istio.validateStored(namespace);

        assertThat(validation.valid()).isFalse();
        assertThat(validation.exitCode()).isEqualTo(1);
        assertThat(validation.errors()).containsExactly("VirtualService " + namespace
                + "/reviews: gray-release: spec.http[1] (name \"primary\"): route weights sum to 90, must be exactly 100");
    }

    @Test
    void istiosOwnValidationRejectsARouteWhoseWeightsAreAllZero(RealApiServer server, IstioValidator istio) {
        String namespace = storeSampleWithPrimaryRouteWeights(server, 0, 0);

        IstioValidation validation = istio.validateStored(namespace);

        assertThat(validation.valid()).isFalse();
        assertThat(validation.errors()).contains("VirtualService " + namespace + "/reviews: total destination weight = 0");
    }

    /** The sample app, then its primary route split between v1 and v2 as given, stored without complaint. */
    private static String storeSampleWithPrimaryRouteWeights(RealApiServer server, int v1, int v2) {
        String namespace = server.createNamespace("istio-invalid");
        Variant.ADMIN_ROUTE.install(server.client(), namespace);
        String patch = """
                [{"op":"replace","path":"/spec/http/1/route","value":[
                  {"destination":{"host":"reviews","subset":"v1"},"weight":%d},
                  {"destination":{"host":"reviews","subset":"v2"},"weight":%d}]}]
                """.formatted(v1, v2);
        server.client().genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE).inNamespace(namespace).withName(Variant.ADMIN_ROUTE.service())
                .patch(PatchContext.of(PatchType.JSON), patch);
        return namespace;
    }
}
