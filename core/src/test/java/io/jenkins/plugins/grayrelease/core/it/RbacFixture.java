package io.jenkins.plugins.grayrelease.core.it;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * What the least-privilege tests (engine in core, grayctl in cli) share: a namespace holding a
 * service of each layout (subsets with a Deployment, two hosts with Services, fixed subsets) and
 * a gateway VirtualService in istio-system, and a wait until RBAC answers as bound.
 */
public final class RbacFixture {

    private RbacFixture() {
    }

    public static final String GATEWAY_NS = "istio-system";

    /** Everything the operations touch: the sample (subsets, Deployment), a two-host service, a fixed-subset service. */
    public static String objects(String namespace) {
        return String.join("---\n", Variant.SUBSETS.yaml(),
                Variant.TWO_HOSTS.yaml().replace("shop.svc", namespace + ".svc"),
                Variant.FIXED_SUBSETS.yaml().replace("reviews", "details"));
    }

    public static String gatewayVs(String name, String serviceNs) {
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
    public static String prepare(RealApiServer server, String prefix) {
        String ns = server.createNamespace(prefix);
        Cluster.install(server.client(), ns, objects(ns));
        Cluster.ensureNamespace(server.client(), GATEWAY_NS);
        Cluster.install(server.client(), GATEWAY_NS, gatewayVs("gw-" + ns, ns));
        return ns;
    }

    /** Waits until RBAC answers as bound: every grant allowed, and (when given) {@code denied} refused. */
    public static void awaitBinding(RbacUser user, ReadmeRbac.Block block, String namespace, String denied) {
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

}
