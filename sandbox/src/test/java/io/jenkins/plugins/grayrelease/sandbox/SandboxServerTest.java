package io.jenkins.plugins.grayrelease.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SandboxServerTest {

    @RegisterExtension
    final CloseAfterEach closing = new CloseAfterEach();
    private final SandboxServer sandbox = closing.add(SandboxServer.start());
    private final KubernetesClient client = closing.add(sandbox.newClient());

    private Resource<GenericKubernetesResource> virtualService() {
        return client.genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE).inNamespace("demo").withName("reviews");
    }

    private String timeout() {
        return String.valueOf(((java.util.Map<?, ?>) ((java.util.List<?>) ((java.util.Map<?, ?>) virtualService().get()
                .getAdditionalProperties().get("spec")).get("http")).get(1)).get("timeout"));
    }

    @Test
    void sandboxServesTheSampleApplicationsIstioObjectsThroughTheTypedIstioClient() {
        SampleApplication.install(client);

        VirtualService vs = client.adapt(IstioClient.class).v1().virtualServices()
                .inNamespace(SampleApplication.NAMESPACE).withName(SampleApplication.SERVICE).get();

        assertThat(vs.getSpec().getHttp()).extracting("name").containsExactly("partner-acme", "primary");
        assertThat(client.adapt(IstioClient.class).v1().destinationRules().inNamespace("demo").withName("reviews").get()
                .getSpec().getSubsets()).extracting("name").containsExactly("v1", "v2");
        assertThat(client.apps().deployments().inNamespace("demo").list().getItems()).hasSize(2);
        assertThat(sandbox.url()).startsWith("http://127.0.0.1:");
    }

    @Test
    void theSampleApplicationCanBeInstalledInAnotherNamespace() {
        SampleApplication.install(client, "team-a");

        assertThat(client.genericKubernetesResources(SandboxKinds.DESTINATION_RULE).inNamespace("team-a").withName("reviews").get())
                .isNotNull();
        assertThat(client.services().inNamespace("team-a").withName("reviews").get()).isNotNull();
        assertThat(client.namespaces().withName("team-a").get()).isNotNull();
    }

    @Test
    void objectsOfAnyKindAreCreatedFromYamlInTheNamespaceAsked() {
        SandboxObjects.create(client, "team-b", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: elsewhere}
                data: {colour: gray}
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: ratings}
                spec: {host: ratings, futureField: kept}
                """);

        assertThat(client.configMaps().inNamespace("team-b").withName("settings").get().getData()).containsEntry("colour", "gray");
        assertThat(client.genericKubernetesResources(SandboxKinds.DESTINATION_RULE).inNamespace("team-b").withName("ratings").get()
                .getAdditionalProperties().get("spec").toString()).contains("futureField=kept");
    }

    @Test
    void aPatchWhoseTestFailsIsRefusedWith422AndNothingIsStored() {
        SampleApplication.install(client);

        assertThatThrownBy(() -> virtualService().patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"test\",\"path\":\"/spec/http/1/timeout\",\"value\":\"9s\"},"
                        + "{\"op\":\"replace\",\"path\":\"/spec/http/1/timeout\",\"value\":\"1s\"}]"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
        assertThat(timeout()).isEqualTo("5s");
    }

    @Test
    void aTestWithNullHoldsWhenTheMemberIsAbsentAsOnARealApiServer() {
        SampleApplication.install(client);

        virtualService().patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"test\",\"path\":\"/metadata/annotations\",\"value\":null},"
                        + "{\"op\":\"replace\",\"path\":\"/spec/http/1/timeout\",\"value\":\"1s\"}]");

        assertThat(timeout()).isEqualTo("1s");
    }

    @Test
    void aDryRunIsAnsweredWithThePatchedObjectAndStoresNothing() {
        SampleApplication.install(client);

        GenericKubernetesResource answer = virtualService().dryRun().patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/spec/http/1/timeout\",\"value\":\"1s\"}]");

        assertThat(answer.getAdditionalProperties().get("spec").toString()).contains("timeout=1s");
        assertThat(timeout()).isEqualTo("5s");
    }

    @Test
    void aDryRunOfAServerSideApplyWithAStaleResourceVersionIsAConflict() {
        SampleApplication.install(client);
        GenericKubernetesResource read = virtualService().get();
        virtualService().patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"replace\",\"path\":\"/spec/http/1/timeout\",\"value\":\"2s\"}]");

        assertThatThrownBy(() -> virtualService().dryRun().patch(PatchContext.of(PatchType.SERVER_SIDE_APPLY),
                client.getKubernetesSerialization().asJson(read)))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(timeout()).isEqualTo("2s");
    }

    @Test
    void toldNotToHonourDryRunsItStoresThemAsThePlainMockServerDoes() {
        SampleApplication.install(client);
        sandbox.apiServer().honourDryRun(false);

        virtualService().dryRun().patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/spec/http/1/timeout\",\"value\":\"1s\"}]");

        assertThat(timeout()).isEqualTo("1s");
    }
}
