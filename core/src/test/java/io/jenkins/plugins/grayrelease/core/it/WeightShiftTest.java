package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.StateAnnotations;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKinds;
import org.junit.jupiter.api.Test;

@ApiServerTest
class WeightShiftTest {

    @Test
    void shiftingWeightChangesOnlyTheManagedRouteAndPassesIstioValidation(RealApiServer server, IstioValidator istio) {
        SampleRelease release = SampleRelease.install(server, "weight");
        StoredRoutes before = release.stored();

        OperationResult result = release.engine().setWeight(release.target(), 10, WriteOptions.defaults());

        StoredRoutes after = release.stored();
        assertThat(result.changed()).isTrue();
        assertThat(after.weight("primary", "v1")).isEqualTo(90);
        assertThat(after.weight("primary", "v2")).isEqualTo(10);
        assertThat(after.route("admin")).isEqualTo(before.route("admin"));
        assertThat(after.route("primary").path("retries")).isEqualTo(before.route("primary").path("retries"));
        assertThat(after.annotations().path("bookinfo.example.com/owner").asText()).isEqualTo("team-reviews");
        assertThat(after.annotations().has(StateAnnotations.keyFor("primary"))).isTrue();
        assertThat(istio.validateStored(release.namespace()).errors()).isEmpty();
    }

    @Test
    void statusReadsTheWeightsAndPhaseBackFromTheServer(RealApiServer server, IstioValidator istio) {
        SampleRelease release = SampleRelease.install(server, "status");
        release.engine().setWeight(release.target(), 25, WriteOptions.defaults());

        ReleaseStatus status = release.engine().status(release.target());

        assertThat(status.weights()).isEqualTo(new WeightSplit(75, 25));
        assertThat(status.phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(status.drift()).isEmpty();
        assertThat(status.resourceVersion()).isEqualTo(release.stored().resourceVersion());
        assertThat(istio.validateStored(release.namespace()).valid()).isTrue();
    }

    @Test
    void repeatingTheSameWeightWritesNothing(RealApiServer server) {
        SampleRelease release = SampleRelease.install(server, "idempotent");
        release.engine().setWeight(release.target(), 30, WriteOptions.defaults());
        String version = release.stored().resourceVersion();

        OperationResult again = release.engine().setWeight(release.target(), 30, WriteOptions.defaults());

        assertThat(again.changed()).isFalse();
        assertThat(release.stored().resourceVersion()).isEqualTo(version);
    }

    @Test
    void missingCanarySubsetFailsNamingTheDestinationRuleAndWritesNothing(RealApiServer server) {
        SampleRelease release = SampleRelease.install(server, "no-subset");
        String version = release.stored().resourceVersion();

        InvalidReleaseException error = catchThrowableOfType(InvalidReleaseException.class, () -> release.engine()
                .setWeight(release.target().toBuilder().canarySubset("v3").build(), 10, WriteOptions.defaults()));

        assertThat(error).isNotNull();
        assertThat(error.object()).isEqualTo(release.target().destinationRuleRef());
        assertThat(error.getMessage()).contains("v3").contains("v1").contains("v2");
        assertThat(release.stored().resourceVersion()).isEqualTo(version);
    }

    @Test
    void addingTheCanarySubsetWritesADestinationRuleIstioAccepts(RealApiServer server, IstioValidator istio) {
        SampleRelease release = SampleRelease.install(server, "add-subset");
        io.jenkins.plugins.grayrelease.core.testing.Workloads.serve(server.client(), release.namespace(), "reviews", "v3");

        release.engine().setWeight(release.target().toBuilder().canarySubset("v3").build(), 10,
                WriteOptions.defaults().withAddCanarySubset(true));

        assertThat(release.stored().weight("primary", "v3")).isEqualTo(10);
        assertThat(server.client().genericKubernetesResources(SandboxKinds.DESTINATION_RULE).inNamespace(release.namespace())
                .withName(Variant.ADMIN_ROUTE.service()).get().getAdditionalProperties().toString()).contains("v3");
        IstioValidator.IstioValidation validation = istio.validateStored(release.namespace());
        assertThat(validation.objects()).isEqualTo(2);
        assertThat(validation.errors()).as(validation.output()).isEmpty();
    }
}
