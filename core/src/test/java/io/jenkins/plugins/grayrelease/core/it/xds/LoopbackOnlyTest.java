package io.jenkins.plugins.grayrelease.core.it.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKinds;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tests' traffic never leaves the machine: the client's dialer connects only to the loopback
 * backends it was given, and refuses any other address istiod hands it.
 */
@IstiodTest
class LoopbackOnlyTest {

    /** Outside every application's placeholder pair (those stop below .240). */
    private static final String UNKNOWN_ADDRESS = "192.0.2.250";

    @Test
    void callsGoOnlyToTheLoopbackBackends(XdsMesh mesh) {
        try (MeshApp app = mesh.install("xds-loopback")) {
            app.assertCanaryShare("stable only, before any release", MeshApp.NO_HEADERS, 0);

            XdsClient.Dials dials = app.client().dials();
            assertThat(dials.refused()).isEmpty();
            assertThat(dials.dialed()).containsOnlyKeys(mesh.backendAddress("v1"));
        }
    }

    @Test
    void anEndpointAddressTheClientDoesNotKnowIsRefusedNotDialed(XdsMesh mesh) {
        try (MeshApp app = mesh.install("xds-refuse")) {
            addUnknownVersion(app.server().client(), app.namespace());
            Map<String, String> v3 = Map.of("x-version", "v3");

            long deadline = System.nanoTime() + MeshApp.PROPAGATION_TIMEOUT.toNanos();
            while (app.client().dials().refused().isEmpty() && System.nanoTime() < deadline) {
                app.client().call(10, v3);
            }
            Split split = app.client().call(100, v3);

            XdsClient.Dials dials = app.client().dials();
            assertThat(dials.refused()).as("the dialer refused the unknown endpoint").containsOnlyKeys(UNKNOWN_ADDRESS + ":" + XdsMesh.PORT);
            assertThat(split.errors()).as("calls routed to the unknown endpoint fail: %s", split).isEqualTo(100);
            assertThat(dials.dialed().keySet()).allMatch(address -> address.startsWith("127.0.0.1:"), "on 127.0.0.1");
            app.assertCanaryShare("other calls unaffected", MeshApp.NO_HEADERS, 0);
        }
    }

    /** A v3 Pod whose endpoint has an address the client was not given, a v3 subset, and a route to it. */
    private static void addUnknownVersion(KubernetesClient client, String namespace) {
        client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName("reviews-v3").addToLabels("app", "reviews").addToLabels("version", "v3").endMetadata()
                .withNewSpec().withAutomountServiceAccountToken(false)
                .addNewContainer().withName("reviews").withImage("example.invalid/reviews:v3").endContainer().endSpec()
                .build()).create();
        client.discovery().v1().endpointSlices().inNamespace(namespace).withName("reviews-test").patch(PatchContext.of(PatchType.JSON), """
                [{"op":"add","path":"/endpoints/-","value":{"addresses":["%s"],"conditions":{"ready":true},
                  "targetRef":{"kind":"Pod","name":"reviews-v3","namespace":"%s"}}}]""".formatted(UNKNOWN_ADDRESS, namespace));
        client.genericKubernetesResources(SandboxKinds.DESTINATION_RULE).inNamespace(namespace).withName(XdsMesh.SERVICE).patch(PatchContext.of(PatchType.JSON), """
                [{"op":"add","path":"/spec/subsets/-","value":{"name":"v3","labels":{"version":"v3"}}}]""");
        client.genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE).inNamespace(namespace).withName(XdsMesh.SERVICE).patch(PatchContext.of(PatchType.JSON), """
                [{"op":"add","path":"/spec/http/0","value":{"name":"v3","match":[{"headers":{"x-version":{"exact":"v3"}}}],
                  "route":[{"destination":{"host":"reviews","subset":"v3"}}]}}]""");
    }
}
