package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import org.junit.jupiter.api.Test;

@ApiServerTest
class PromoteAndRollbackTest {

    /** Halfway through a release, with testers and a mirror in place. */
    private static SampleRelease midRelease(RealApiServer server, String prefix) {
        SampleRelease release = SampleRelease.install(server, prefix);
        release.engine().setWeight(release.target(), 50, WriteOptions.defaults());
        release.engine().setTesters(release.target(), TesterRoute.of(TesterMatch.header("x-canary", "yes")), WriteOptions.defaults());
        release.engine().setMirror(release.target(), 10, WriteOptions.defaults());
        return release;
    }

    @Test
    void promoteSendsAllTrafficToTheCanaryAndRecordsItAsStable(RealApiServer server, IstioValidator istio) {
        SampleRelease release = midRelease(server, "promote");

        release.engine().promote(release.target(), PromoteOptions.defaults());

        StoredRoutes stored = release.stored();
        assertThat(stored.routeNames()).containsExactly("admin", "primary");
        assertThat(stored.weight("primary", "v2")).isEqualTo(100);
        assertThat(stored.weight("primary", "v1")).isZero();
        assertThat(stored.route("primary").has("mirror") || stored.route("primary").has("mirrors")).isFalse();
        // A later run that knows only the service finds the new stable in the recorded state.
        ReleaseStatus status = release.engine().status(ReleaseTarget.builder(release.namespace(), Variant.ADMIN_ROUTE.service()).build());
        assertThat(status.phase()).isEqualTo(Phase.PROMOTED);
        assertThat(status.stable()).isEqualTo(Destination.subset(Variant.ADMIN_ROUTE.service(), "v2"));
        IstioValidator.IstioValidation validation = istio.validateStored(release.namespace());
        assertThat(validation.errors()).as(validation.output()).isEmpty();
    }

    @Test
    void rollbackSendsAllTrafficToStableAndRemovesTestersAndMirror(RealApiServer server, IstioValidator istio) {
        SampleRelease release = midRelease(server, "rollback");

        release.engine().rollback(release.target(), WriteOptions.defaults());

        StoredRoutes stored = release.stored();
        assertThat(stored.routeNames()).containsExactly("admin", "primary");
        assertThat(stored.weight("primary", "v1")).isEqualTo(100);
        assertThat(stored.weight("primary", "v2")).isZero();
        assertThat(stored.route("primary").has("mirror") || stored.route("primary").has("mirrors")).isFalse();
        assertThat(release.engine().status(release.target()).phase()).isEqualTo(Phase.ROLLED_BACK);
        IstioValidator.IstioValidation validation = istio.validateStored(release.namespace());
        assertThat(validation.errors()).as(validation.output()).isEmpty();
    }
}
