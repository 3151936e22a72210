package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.errors.ClusterApiException;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKinds;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@ApiServerTest
class EngineDryRunTest {

    @Test
    void dryRunReturnsTheServerValidatedPatchAndStoresNothing(RealApiServer server) {
        SampleRelease release = SampleRelease.install(server, "engine-dryrun");
        StoredRoutes before = release.stored();

        OperationResult result = release.engine().setWeight(release.target(), 40, WriteOptions.dryRunOnly());

        assertThat(result.dryRun()).isTrue();
        assertThat(result.changed()).isTrue();
        assertThat(result.change().serverValidated()).isTrue();
        assertThat(result.change().patch()).contains("/spec/http/1/route");
        assertThat(result.status().weights().canary()).isEqualTo(40);
        assertThat(release.stored().tree()).isEqualTo(before.tree());
    }

    /**
     * What only a real server knows: a cluster's own admission rules. Here a namespace policy caps
     * the canary at 50 %; the engine's own checks pass, the server's dry run refuses, nothing is stored.
     */
    @Test
    void dryRunReportsTheServersRejectionNamingTheVirtualService(RealApiServer server) {
        SampleRelease release = SampleRelease.install(server, "engine-dryrun-policy");
        capCanaryAtFiftyPercent(server, release.namespace());
        String version = release.stored().resourceVersion();

        ClusterApiException rejected = catchThrowableOfType(ClusterApiException.class,
                () -> release.engine().setWeight(release.target(), 60, WriteOptions.dryRunOnly()));

        assertThat(rejected).as("the server's dry run must refuse 60 % to the canary").isNotNull();
        assertThat(rejected.object()).isEqualTo(release.target().virtualServiceRef());
        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(rejected.getMessage()).contains("canary weight above 50");
        assertThat(release.stored().resourceVersion()).isEqualTo(version);
    }

    private static void capCanaryAtFiftyPercent(RealApiServer server, String namespace) {
        String policy = """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata:
                  name: %1$s-canary-cap
                spec:
                  failurePolicy: Fail
                  matchConstraints:
                    resourceRules:
                      - apiGroups: ["networking.istio.io"]
                        apiVersions: ["*"]
                        operations: ["UPDATE"]
                        resources: ["virtualservices"]
                  validations:
                    - expression: >-
                        object.spec.http.all(r, !has(r.route) || r.route.all(d,
                        !has(d.destination.subset) || d.destination.subset != 'v2' || !has(d.weight) || d.weight <= 50))
                      message: canary weight above 50 needs a change request
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata:
                  name: %1$s-canary-cap
                spec:
                  policyName: %1$s-canary-cap
                  validationActions: ["Deny"]
                  matchResources:
                    namespaceSelector:
                      matchLabels:
                        kubernetes.io/metadata.name: %1$s
                """.formatted(namespace);
        List<HasMetadata> objects = server.client().load(new java.io.ByteArrayInputStream(
                policy.getBytes(java.nio.charset.StandardCharsets.UTF_8))).items();
        objects.forEach(o -> server.client().resource(o).create());
        // Admission policies take effect a moment after they are stored: wait until a raw dry run is refused.
        String tooMuch = """
                [{"op":"replace","path":"/spec/http/1/route","value":[
                  {"destination":{"host":"reviews","subset":"v1"},"weight":40},
                  {"destination":{"host":"reviews","subset":"v2"},"weight":60}]}]
                """;
        await().atMost(Duration.ofMinutes(3)).until(() -> {
            try {
                server.client().genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE).inNamespace(namespace).withName(Variant.ADMIN_ROUTE.service())
                        .dryRun().patch(PatchContext.of(PatchType.JSON), tooMuch);
                return false;
            } catch (KubernetesClientException e) {
                return e.getCode() == 422;
            }
        });
    }
}
