package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.GrayRelease;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.errors.ClusterApiException;
import io.jenkins.plugins.grayrelease.core.routing.RouteChange;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import io.jenkins.plugins.grayrelease.core.workload.CanaryDeployment;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, proven (issue 13, part 4): every engine operation runs as a user bound to
 * exactly the README's Role (read from the README), on a real API server authorizing with RBAC.
 * A verb the README lacks fails the run; so does a verb it lists that no operation needs (each
 * grant is taken away in turn and the run must be refused for exactly that verb and resource).
 */
@ApiServerTest
class LeastPrivilegeTest {

    static final String GATEWAY_NS = "istio-system";

    /** Everything the operations touch: the sample (subsets, Deployment), a two-host service, a fixed-subset service. */
    static String objects(String namespace) {
        return String.join("---\n", io.jenkins.plugins.grayrelease.core.testing.SampleApp.subsetLayout(),
                io.jenkins.plugins.grayrelease.core.testing.SampleApp.TWO_HOST_YAML.replace("shop.svc", namespace + ".svc"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: checkout-stable, labels: {app: checkout, track: stable}}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: checkout, track: stable}}
                  template:
                    metadata: {labels: {app: checkout, track: stable}}
                    spec:
                      containers: [{name: checkout, image: example.org/checkout:1}]
                """, FixedSubsetLayoutTest.OBJECTS.replace("reviews", "details"));
    }

    static String gatewayVs(String name, String serviceNs) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %s}
                spec:
                  hosts: [%s.example.com]
                  gateways: [istio-system/public-gateway]
                  http:
                  - name: reviews
                    route:
                    - destination: {host: reviews.%s.svc.cluster.local, subset: v1}
                """.formatted(name, name, serviceNs);
    }

    /** A namespace with the objects, and (as admin) the gateway VirtualService in istio-system. */
    static String prepare(RealApiServer server, String prefix) {
        String ns = server.createNamespace(prefix);
        Cluster.install(server.client(), ns, objects(ns));
        Cluster.ensureNamespace(server.client(), GATEWAY_NS);
        Cluster.install(server.client(), GATEWAY_NS, gatewayVs("gw-" + ns, ns));
        return ns;
    }

    /** Waits until RBAC answers as bound: every grant allowed, and (when given) {@code denied} refused. */
    static void awaitBinding(RbacUser user, ReadmeRbac.Block block, String namespace, String denied) {
        try (KubernetesClient client = user.client()) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                for (String grant : block.grants()) {
                    if (!allowed(client, grant, namespace)) {
                        return false;
                    }
                }
                return denied == null || !allowed(client, denied, namespace);
            });
        }
    }

    private static boolean allowed(KubernetesClient client, String grant, String namespace) {
        String[] verbResource = grant.split(" ");
        String[] resourceGroup = verbResource[1].split("\\.", 2);
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec()
                .withResourceAttributes(new ResourceAttributesBuilder().withVerb(verbResource[0]).withResource(resourceGroup[0])
                        .withGroup(resourceGroup.length > 1 ? resourceGroup[1] : "").withNamespace(namespace).build())
                .endSpec().build();
        return client.authorization().v1().selfSubjectAccessReview().create(review).getStatus().getAllowed();
    }

    /** Every engine operation, as {@code client}'s user. */
    static void everyOperation(KubernetesClient client, String ns) {
        GrayRelease engine = new GrayRelease(client, SampleRelease.ACTOR);
        ReleaseTarget reviews = ReleaseTarget.builder(ns, "reviews").stableSubset("v1").canarySubset("v3").build();
        ReleaseTarget byName = ReleaseTarget.builder(ns, "reviews").build();
        WriteOptions write = WriteOptions.defaults().withAddCanarySubset(true);

        engine.status(ReleaseTarget.builder(ns, "reviews").stableSubset("v1").build());
        engine.deployCanary(reviews, new CanaryDeployment("example.org/reviews:3.0", "v3", 1, null, null)); // list, get, create
        engine.deployCanary(reviews, new CanaryDeployment("example.org/reviews:3.1", "v3", 1, null, null)); // get, patch
        engine.scaleCanary(reviews, "v3", 2);
        engine.setWeight(reviews, 10, write.withDryRun(true)); // server-side dry run: patch with dryRun=All
        engine.setWeight(reviews, 10, write); // adds subset v3: patch on the DestinationRule
        engine.setTesters(byName, TesterRoute.of(TesterMatch.header("x-canary", "yes")), WriteOptions.defaults());
        engine.setMirror(byName, 10, WriteOptions.defaults());
        engine.apply(byName, List.of(new RouteChange.SetWeight(20), new RouteChange.SetMirror(0)), WriteOptions.defaults());
        engine.removeTesters(byName, WriteOptions.defaults());
        engine.recordRollout(byName, new RolloutProgress("reviews-v3", 0, "setWeight", RolloutProgress.RUNNING, null), Phase.PROGRESSING);
        engine.canaryMetricVersion(byName);
        engine.rollback(byName, WriteOptions.defaults());
        engine.setWeight(reviews, 50, write);
        engine.promote(byName, new PromoteOptions(WriteOptions.defaults(), true)); // deletes reviews-v1: list, delete

        ReleaseTarget checkout = ReleaseTarget.builder(ns, "checkout").stable(Destination.host("checkout-stable"))
                .canary(Destination.host("checkout-canary")).build();
        engine.deployCanary(checkout, new CanaryDeployment("example.org/checkout:2", "v2", 1, null, null)); // get services
        engine.setWeight(checkout, 30, WriteOptions.defaults());
        engine.promote(ReleaseTarget.builder(ns, "checkout").build(), new PromoteOptions(WriteOptions.defaults(), true));

        ReleaseTarget details = ReleaseTarget.builder(ns, "details").canaryVersion("v2").build();
        engine.setWeight(details, 10, WriteOptions.defaults()); // canary subset's version label
        engine.promote(ReleaseTarget.builder(ns, "details").build(), PromoteOptions.defaults()); // stable subset's labels move

        ReleaseTarget gateway = ReleaseTarget.builder(ns, "reviews").virtualService(GATEWAY_NS + "/gw-" + ns).route("reviews")
                .stableSubset("v1").canarySubset("v3").build();
        engine.setWeight(gateway, 5, WriteOptions.defaults());
        engine.status(ReleaseTarget.builder(ns, "reviews").virtualService(GATEWAY_NS + "/gw-" + ns).route("reviews").build());
    }

    @Test
    void everyEngineOperationRunsAsAUserBoundToExactlyTheReadmesRole(RealApiServer server, IstioValidator istio) {
        String ns = prepare(server, "rbac");
        ReadmeRbac.Block role = ReadmeRbac.block(ReadmeRbac.SERVICE_NAMESPACE_BLOCK);
        RbacUser user = RbacUser.bound(server, ns, role, GATEWAY_NS);
        awaitBinding(user, role, ns, null);

        try (KubernetesClient client = user.client()) {
            everyOperation(client, ns);
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
            String ns = prepare(server, "rbac-less");
            ReadmeRbac.Block less = role.without(grant);
            RbacUser user = RbacUser.bound(server, ns, less, GATEWAY_NS);
            awaitBinding(user, less, ns, grant);
            String[] verbResource = grant.split(" ");

            ClusterApiException refused;
            try (KubernetesClient client = user.client()) {
                refused = catchThrowableOfType(ClusterApiException.class, () -> everyOperation(client, ns));
            }

            assertThat(refused).as("without '" + grant + "' some operation must be refused; the README lists a verb nothing needs")
                    .isNotNull();
            assertThat(refused.statusCode()).as(refused.getMessage()).isEqualTo(403);
            assertThat(refused.getMessage()).as("without " + grant).contains("permission denied (403): " + user.username() + " cannot "
                    + verbResource[0] + " " + verbResource[1] + " in namespace " + ns);
            assertThat(refused.hint()).contains("Grant '" + verbResource[0] + "' on " + verbResource[1] + " in namespace " + ns);
        }
    }

    @Test
    void theGatewayVirtualServiceNeedsTheRoutesRoleInItsNamespace(RealApiServer server) {
        String ns = prepare(server, "rbac-gw");
        ReadmeRbac.Block role = ReadmeRbac.block(ReadmeRbac.SERVICE_NAMESPACE_BLOCK);
        RbacUser user = RbacUser.bound(server, ns, role, null);
        awaitBinding(user, role, ns, null);
        ReleaseTarget gateway = ReleaseTarget.builder(ns, "reviews").virtualService(GATEWAY_NS + "/gw-" + ns).route("reviews")
                .stableSubset("v1").canarySubset("v2").build();

        ClusterApiException refused;
        try (KubernetesClient client = user.client()) {
            refused = catchThrowableOfType(ClusterApiException.class,
                    () -> new GrayRelease(client, SampleRelease.ACTOR).setWeight(gateway, 5, WriteOptions.defaults()));
        }

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).startsWith(GATEWAY_NS + "/VirtualService/gw-" + ns + ": permission denied (403): "
                + user.username() + " cannot get virtualservices.networking.istio.io in namespace " + GATEWAY_NS);
    }
}
