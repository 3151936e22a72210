package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
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
            assertThat(IstioCrds.isEstablished(crd)).as("%s established", name).isTrue();
            assertThat(crd.getSpec().getVersions()).filteredOn(CustomResourceDefinitionVersion::getStorage)
                    .extracting(CustomResourceDefinitionVersion::getName).containsExactly("v1");
            assertThat(crd.getSpec().getVersions()).filteredOn(v -> "v1".equals(v.getName()))
                    .allSatisfy(v -> assertThat(v.getSchema().getOpenAPIV3Schema().getProperties()).containsKey("spec"));
        }
    }

    @Test
    void sampleVirtualServiceIsStoredWithEveryFieldItWasWrittenWith(RealApiServer server) {
        String namespace = server.createNamespace("served");
        SampleIstioObjects.install(server.client(), namespace);

        GenericKubernetesResource stored = IstioResources.virtualServices(server.client())
                .inNamespace(namespace).withName(SampleIstioObjects.SERVICE).get();

        GenericKubernetesResource written = SampleIstioObjects.virtualService(server.client());
        assertThat(stored.getMetadata().getAnnotations()).containsAllEntriesOf(written.getMetadata().getAnnotations());
        assertThat(stored.getAdditionalProperties().get("spec")).isEqualTo(written.getAdditionalProperties().get("spec"));
    }
}
