package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.errors.WorkloadNotReadyException;
import io.jenkins.plugins.grayrelease.core.testing.Workloads;
import io.jenkins.plugins.grayrelease.core.errors.ClusterApiException;
import io.jenkins.plugins.grayrelease.core.routing.RouteChange;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import io.jenkins.plugins.grayrelease.core.errors.WorkloadNotAvailableException;
import io.jenkins.plugins.grayrelease.core.workload.CanaryDeployment;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadWait;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, proven: every engine operation runs as a user bound to
 * exactly the Role of docs/security.md (read from that page), on a real API server authorizing with RBAC.
 * A verb the README lacks fails the run; so does a verb it lists that no operation needs (each
 * grant is taken away in turn and the run must be refused for exactly that verb and resource).
 */
@ApiServerTest
class LeastPrivilegeTest {

    /**
     * Every engine operation, as {@code client}'s user; {@code admin} plays the Deployment controller (the
     * bare API server runs none) by reporting the canaries the engine creates rolled out.
     */
    static void everyOperation(KubernetesClient client, KubernetesClient admin, String ns) {
        GrayRelease engine = new GrayRelease(client, SampleRelease.ACTOR);
        ReleaseTarget reviews = ReleaseTarget.builder(ns, "reviews").stableSubset("v1").canarySubset("v3").build();
        ReleaseTarget byName = ReleaseTarget.builder(ns, "reviews").build();
        WriteOptions write = WriteOptions.defaults().withAddCanarySubset(true);

        engine.status(ReleaseTarget.builder(ns, "reviews").stableSubset("v1").build());
        engine.deployCanary(reviews, new CanaryDeployment("example.org/reviews:3.0", "v3", 2, null, null)); // list, get, create
        engine.deployCanary(reviews, new CanaryDeployment("example.org/reviews:3.1", "v3", 2, null, null)); // get, patch
        // Waiting for the canary's pods lists and watches its Deployment and pods; no controller runs here, so it times out.
        try {
            engine.deployCanary(reviews, new CanaryDeployment("example.org/reviews:3.1", "v3", 2, null, null),
                    WorkloadWait.defaults().withTimeout(java.time.Duration.ofMillis(300)));
        } catch (WorkloadNotAvailableException expected) {
            // nothing makes pods here
        }
        engine.watchStatus(byName, status -> { }, java.time.Duration.ofMillis(300)); // watch the VirtualService, Deployments and pods
        engine.setWeight(reviews, 10, write.withDryRun(true)); // server-side dry run: patch with dryRun=All
        // Not rolled out yet: refused by the readiness gate, which lists the canary's pods for their reason.
        try {
            engine.setWeight(reviews, 10, write);
            throw new AssertionError("a canary that is not rolled out was sent traffic");
        } catch (WorkloadNotReadyException expected) {
            // nothing written; a refused pod list would have been a ClusterApiException instead
        }
        Workloads.rolloutDone(admin, ns, "reviews-v3");
        engine.setWeight(reviews, 10, write); // adds subset v3: patch on the DestinationRule
        engine.setTesters(byName, TesterRoute.of(TesterMatch.header("x-canary", "yes")), WriteOptions.defaults());
        engine.setMirror(byName, 10, WriteOptions.defaults());
        engine.apply(byName, List.of(new RouteChange.SetWeight(20), new RouteChange.SetMirror(0)), WriteOptions.defaults());
        engine.removeTesters(byName, WriteOptions.defaults());
        engine.recordRollout(byName, new RolloutProgress("reviews-v3", 0, "setWeight", RolloutProgress.RUNNING, null), Phase.PROGRESSING);
        engine.canaryMetricVersion(byName);
        watchOnce(engine, byName); // a rollout watches its VirtualService: list, watch
        engine.rollback(byName, WriteOptions.defaults());
        engine.setWeight(reviews, 50, write);
        engine.promote(byName, new PromoteOptions(WriteOptions.defaults(), true)); // deletes reviews-v1: list, delete

        ReleaseTarget checkout = ReleaseTarget.builder(ns, "checkout").stable(Destination.host("checkout-stable"))
                .canary(Destination.host("checkout-canary")).build();
        engine.deployCanary(checkout, new CanaryDeployment("example.org/checkout:2", "v2", 1, null, null)); // get services
        Workloads.rolloutDone(admin, ns, "checkout-v2");
        engine.setWeight(checkout, 30, WriteOptions.defaults());
        engine.promote(ReleaseTarget.builder(ns, "checkout").build(), new PromoteOptions(WriteOptions.defaults(), true));

        ReleaseTarget details = ReleaseTarget.builder(ns, "details").canaryVersion("v2").build();
        engine.setWeight(details, 10, WriteOptions.defaults()); // canary subset's version label
        engine.promote(ReleaseTarget.builder(ns, "details").build(), PromoteOptions.defaults()); // stable subset's labels move

        ReleaseTarget gateway = ReleaseTarget.builder(ns, "reviews").virtualService(RbacFixture.GATEWAY_NS + "/gw-" + ns).route("reviews")
                .stableSubset("v1").canarySubset("v3").build();
        engine.setWeight(gateway, 5, WriteOptions.defaults());
        watchOnce(engine, gateway);
        engine.status(ReleaseTarget.builder(ns, "reviews").virtualService(RbacFixture.GATEWAY_NS + "/gw-" + ns).route("reviews").build());
    }

    /** Starts watching the release record (the informer lists, then watches) and stops again. */
    private static void watchOnce(GrayRelease engine, ReleaseTarget target) {
        try (AutoCloseable watch = engine.watchRecord(target, state -> { })) {
            // started: the list and the watch were allowed
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyEngineOperationRunsAsAUserBoundToExactlyTheReadmesRole(RealApiServer server, IstioValidator istio) {
        String ns = RbacFixture.prepare(server, "rbac");
        ReadmeRbac.Block role = ReadmeRbac.block(ReadmeRbac.SERVICE_NAMESPACE_BLOCK);
        RbacUser user = RbacUser.bound(server, ns, role, RbacFixture.GATEWAY_NS);
        RbacFixture.awaitBinding(user, role, ns, null);

        try (KubernetesClient client = user.client()) {
            everyOperation(client, server.client(), ns);
        }

        assertThat(server.client().apps().deployments().inNamespace(ns).withName("reviews-v1").get()).as("cleaned up").isNull();
        IstioValidator.IstioValidation v = istio.validateStored(ns);
        assertThat(v.valid()).as(v.output()).isTrue();
    }

    @Test
    void everyGrantOfTheReadmesRoleIsNeededAndItsAbsenceIsNamed(RealApiServer server) {
        ReadmeRbac.Block role = ReadmeRbac.block(ReadmeRbac.SERVICE_NAMESPACE_BLOCK);
        assertThat(role.grants()).as("the README's Role").isNotEmpty();
        for (String grant : role.grants()) {
            String ns = RbacFixture.prepare(server, "rbac-less");
            ReadmeRbac.Block less = role.without(grant);
            RbacUser user = RbacUser.bound(server, ns, less, RbacFixture.GATEWAY_NS);
            RbacFixture.awaitBinding(user, less, ns, grant);
            String[] verbResource = grant.split(" ");

            ClusterApiException refused;
            try (KubernetesClient client = user.client()) {
                refused = catchThrowableOfType(ClusterApiException.class, () -> everyOperation(client, server.client(), ns));
            }

            assertThat(refused).as("without '" + grant + "' some operation must be refused; the README lists a verb nothing needs")
                    .isNotNull();
            assertThat(refused.statusCode()).as(refused.getMessage()).isEqualTo(403);
            // A refused watch is refused while the connection is upgraded: the server's sentence naming the user never arrives.
            String who = "watch".equals(verbResource[0]) ? "this identity" : user.username();
            assertThat(refused.getMessage()).as("without " + grant).contains("permission denied (403): " + who + " cannot "
                    + verbResource[0] + " " + verbResource[1] + " in namespace " + ns);
            assertThat(refused.hint()).contains("Grant '" + verbResource[0] + "' on " + verbResource[1] + " in namespace " + ns);
        }
    }

    @Test
    void theGatewayVirtualServiceNeedsTheRoutesRoleInItsNamespace(RealApiServer server) {
        String ns = RbacFixture.prepare(server, "rbac-gw");
        ReadmeRbac.Block role = ReadmeRbac.block(ReadmeRbac.SERVICE_NAMESPACE_BLOCK);
        RbacUser user = RbacUser.bound(server, ns, role, null);
        RbacFixture.awaitBinding(user, role, ns, null);
        ReleaseTarget gateway = ReleaseTarget.builder(ns, "reviews").virtualService(RbacFixture.GATEWAY_NS + "/gw-" + ns).route("reviews")
                .stableSubset("v1").canarySubset("v2").build();

        ClusterApiException refused;
        try (KubernetesClient client = user.client()) {
            refused = catchThrowableOfType(ClusterApiException.class,
                    () -> new GrayRelease(client, SampleRelease.ACTOR).setWeight(gateway, 5, WriteOptions.defaults()));
        }

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).startsWith(RbacFixture.GATEWAY_NS + "/VirtualService/gw-" + ns + ": permission denied (403): "
                + user.username() + " cannot get virtualservices.networking.istio.io in namespace " + RbacFixture.GATEWAY_NS);
    }
}
