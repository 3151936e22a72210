package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKinds;
import org.junit.jupiter.api.Test;

@ApiServerTest
class RealApiServerTest {

    @Test
    void serverReportsThePinnedKubernetesRelease(RealApiServer server) {
        assertThat(server.client().getKubernetesVersion().getGitVersion())
                .isEqualTo("v" + TestBinaries.KUBERNETES_VERSION);
    }

    @Test
    void istioNetworkingCrdsAreEstablishedAndStoreV1(RealApiServer server) {
        for (String name : new String[] {"virtualservices.networking.istio.io", "destinationrules.networking.istio.io"}) {
            CustomResourceDefinition crd = server.client().apiextensions().v1().customResourceDefinitions()
                    .withName(name).get();
            assertThat(CrdFiles.isEstablished(crd)).as("%s established", name).isTrue();
            assertThat(crd.getSpec().getVersions()).filteredOn(CustomResourceDefinitionVersion::getStorage)
                    .extracting(CustomResourceDefinitionVersion::getName).containsExactly("v1");
            assertThat(crd.getSpec().getVersions()).filteredOn(v -> "v1".equals(v.getName()))
                    .allSatisfy(v -> assertThat(v.getSchema().getOpenAPIV3Schema().getProperties()).containsKey("spec"));
        }
    }

    @Test
    void gatewayApiHttpRouteCrdIsEstablishedAndStoresV1(RealApiServer server) {
        CustomResourceDefinition crd = server.client().apiextensions().v1().customResourceDefinitions()
                .withName("httproutes.gateway.networking.k8s.io").get();
        assertThat(CrdFiles.isEstablished(crd)).isTrue();
        assertThat(crd.getMetadata().getAnnotations()).containsEntry("gateway.networking.k8s.io/channel", "standard");
        assertThat(crd.getSpec().getVersions()).filteredOn(CustomResourceDefinitionVersion::getStorage)
                .extracting(CustomResourceDefinitionVersion::getName).containsExactly("v1");
    }

    @Test
    void gatewayApiCelRulesRefuseAMirrorWithBothPercentAndFraction(RealApiServer server) {
        String namespace = server.createNamespace("cel");
        GenericKubernetesResource route = Serialization.unmarshal("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: reviews
                spec:
                  parentRefs: [{name: mesh-gateway}]
                  rules:
                  - backendRefs: [{name: reviews-stable, port: 9080}]
                    filters:
                    - type: RequestMirror
                      requestMirror:
                        backendRef: {name: reviews-canary, port: 9080}
                        percent: 10
                        fraction: {numerator: 1, denominator: 10}
                """, GenericKubernetesResource.class);

        assertThatThrownBy(() -> server.client().genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
                .inNamespace(namespace).resource(route).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("Only one of percent or fraction may be specified");
        assertThat(server.client().genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
                .inNamespace(namespace).list().getItems()).isEmpty();
    }

    @Test
    void sampleVirtualServiceIsStoredWithEveryFieldItWasWrittenWith(RealApiServer server) {
        String namespace = server.createNamespace("served");
        Variant.ADMIN_ROUTE.install(server.client(), namespace);

        GenericKubernetesResource stored = server.client().genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE)
                .inNamespace(namespace).withName(Variant.ADMIN_ROUTE.service()).get();

        GenericKubernetesResource written = (GenericKubernetesResource) Variant.ADMIN_ROUTE.objects("VirtualService").get(0);
        assertThat(stored.getMetadata().getAnnotations()).containsAllEntriesOf(written.getMetadata().getAnnotations());
        assertThat(stored.getAdditionalProperties().get("spec")).isEqualTo(written.getAdditionalProperties().get("spec"));
    }
}
