package io.jenkins.plugins.grayrelease.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

class SandboxTest {

    @Test
    void sandboxServesTheSampleApplicationsIstioObjectsThroughTheTypedIstioClient() {
        try (Sandbox sandbox = Sandbox.start(); KubernetesClient client = sandbox.newClient()) {
            SampleApplication.install(client);

            VirtualService vs = client.adapt(IstioClient.class).v1().virtualServices()
                    .inNamespace(SampleApplication.NAMESPACE).withName(SampleApplication.SERVICE).get();

            assertThat(vs.getSpec().getHttp()).extracting("name").containsExactly("partner-acme", "primary");
            assertThat(client.adapt(IstioClient.class).v1().destinationRules().inNamespace("demo").withName("reviews").get()
                    .getSpec().getSubsets()).extracting("name").containsExactly("v1", "v2");
            assertThat(client.apps().deployments().inNamespace("demo").list().getItems()).hasSize(2);
            assertThat(sandbox.url()).startsWith("http://127.0.0.1:");
        }
    }

    @Test
    void sandboxServesIstioKindsThroughTheGenericApiToo() {
        try (Sandbox sandbox = Sandbox.start(); KubernetesClient client = sandbox.newClient()) {
            SampleApplication.install(client);

            var vs = client.genericKubernetesResources("networking.istio.io/v1", "VirtualService")
                    .inNamespace("demo").withName("reviews").get();

            assertThat(vs).isNotNull();
            assertThat(vs.getMetadata().getResourceVersion()).isNotBlank();
        }
    }
}
