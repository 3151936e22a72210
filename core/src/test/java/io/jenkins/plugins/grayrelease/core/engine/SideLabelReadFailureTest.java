package io.jenkins.plugins.grayrelease.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.errors.ClusterApiException;
import io.jenkins.plugins.grayrelease.core.testing.FaultInjector.Fault;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.testing.SandboxCluster;
import io.jenkins.plugins.grayrelease.core.workload.CanaryDeployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In the two-host layout the pods of a side are the ones its Service selects, so deploying a
 * canary and cleaning up after a promotion read that Service. When the read fails, the engine
 * says which Service and field it could not read and what to do, like for any other object.
 */
class SideLabelReadFailureTest {

    private static final String REFUSAL = "services \\\"checkout-stable\\\" is forbidden: User \\\"system:serviceaccount:ci:deployer\\\""
            + " cannot get resource \\\"services\\\" in API group \\\"\\\" in the namespace \\\"shop\\\"";

    @RegisterExtension
    final SandboxCluster cluster = SandboxCluster.withSampleApp();
    private final GrayRelease engine = cluster.engine();
    private final ReleaseTarget target = SampleTargets.checkout();
    private final CanaryDeployment canary = new CanaryDeployment("example.org/checkout:2.0", "v2", 1, null, null);

    @Test
    void aRefusedServiceReadNamesTheServiceItsSelectorAndTheMissingGrant() {
        cluster.faults().failWith("GET", "/services/checkout-stable", 403, REFUSAL);

        assertThatThrownBy(() -> engine.deployCanary(target, canary))
                .isInstanceOfSatisfying(ClusterApiException.class, e -> {
                    assertThat(e.object()).isEqualTo(new ObjectRef("shop", "Service", "checkout-stable"));
                    assertThat(e.field()).isEqualTo("spec.selector");
                    assertThat(e.statusCode()).isEqualTo(403);
                })
                .hasMessage("shop/Service/checkout-stable: spec.selector: permission denied (403): system:serviceaccount:ci:deployer"
                        + " cannot get services in namespace shop; nothing of this operation was written by this request."
                        + " Grant 'get' on services in namespace shop to this identity: the Role in docs/security.md (Permissions)"
                        + " lists every verb Gray Release uses");
        assertThat(cluster.client().apps().deployments().inNamespace("shop").withName("checkout-v2").get()).isNull();
    }

    @Test
    void aServiceReadThatKeepsFailingNamesTheServiceAndSaysItIsSafeToRepeat() {
        cluster.faults().fail("GET", "/services/checkout-stable", Fault.HTTP_500, 5);

        assertThatThrownBy(() -> engine.deployCanary(target, canary))
                .isInstanceOfSatisfying(ClusterApiException.class, e -> assertThat(e.statusCode()).isEqualTo(500))
                .hasMessage("shop/Service/checkout-stable: spec.selector: the API server failed on 5 attempts"
                        + " (last: 500, etcdserver: request timed out); the object is as the server last stored it."
                        + " Check the API server's health and run the operation again; it is safe to repeat");
    }

    @Test
    void aFailedServiceReadBeforeAPromotionNamesTheServiceAndWritesNothing() {
        engine.setWeight(target, 50, WriteOptions.defaults());
        cluster.faults().fail("GET", "/services/checkout-canary", Fault.HTTP_503, 5);

        // The readiness gate reads the canary's Service before the promotion's first write.
        assertThatThrownBy(() -> engine.promote(target, new PromoteOptions(WriteOptions.defaults(), true)))
                .isInstanceOf(ClusterApiException.class)
                .hasMessageStartingWith("shop/Service/checkout-canary: spec.selector: the API server failed on 5 attempts");
        assertThat(engine.status(target).weights().canary()).isEqualTo(50);
    }
}
