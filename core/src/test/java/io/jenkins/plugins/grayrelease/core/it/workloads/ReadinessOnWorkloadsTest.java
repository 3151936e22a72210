package io.jenkins.plugins.grayrelease.core.it.workloads;

import static io.jenkins.plugins.grayrelease.core.it.workloads.SampleDeployments.POLL_INTERVAL;
import static io.jenkins.plugins.grayrelease.core.it.workloads.SampleDeployments.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.cluster.RouteResources;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.errors.WorkloadNotReadyException;
import io.jenkins.plugins.grayrelease.core.it.SampleRelease;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutListener;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutRunner;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.core.workload.CanaryDeployment;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import io.jenkins.plugins.grayrelease.sandbox.SandboxObjects;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The readiness gate, a rollout's re-check and the clean-up on a control plane that really runs
 * Deployments: the controllers make ReplicaSets and pods, the scheduler places them, KWOK's fake
 * nodes run them (ready, never ready, crash-looping, failing image pulls).
 */
@WorkloadsTest
class ReadinessOnWorkloadsTest {

    private static final String VS_AND_DR = Variant.ADMIN_ROUTE.yaml("VirtualService") + "---\n" + Variant.ADMIN_ROUTE.yaml("DestinationRule");

    /** {@code <service>-<version>}: {@code replicas} pods labelled app=service, version=version, behaving as asked. */
    private static Deployment deploy(KubernetesClient client, String ns, String service, String version, int replicas,
                                     Map<String, String> extraLabels, PodBehaviour behaviour) {
        Map<String, String> labels = new java.util.HashMap<>(extraLabels);
        labels.put("app", service);
        if (version != null) {
            labels.put("version", version);
        }
        return client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
                .withNewMetadata().withName(service + "-" + (version != null ? version : extraLabels.get("track"))).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).withAnnotations(behaviour.annotation()).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("registry.example/" + service + ":" + version).endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
    }

    private static void service(KubernetesClient client, String ns, String name, Map<String, String> selector) {
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withSelector(selector).addNewPort().withName("http").withPort(9080).endPort().endSpec().build()).create();
    }

    /** reviews with a ready v1 (2 pods) behind a VirtualService and DestinationRule (subsets v1, v2). */
    private static String reviews(WorkloadCluster cluster, String prefix) {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace(prefix);
        SandboxObjects.create(client, ns, VS_AND_DR);
        service(client, ns, "reviews", Map.of("app", "reviews"));
        deploy(client, ns, "reviews", "v1", 2, Map.of(), PodBehaviour.READY);
        SampleDeployments.awaitAvailable(client, ns, "reviews-v1");
        return ns;
    }

    private static String vsVersion(KubernetesClient client, String ns) {
        return client.genericKubernetesResources(RouteResources.of(RouteKind.VIRTUAL_SERVICE)).inNamespace(ns).withName("reviews").get()
                .getMetadata().getResourceVersion();
    }

    private static void awaitUpdated(KubernetesClient client, String ns, String name, int replicas) {
        await(name + " rolled to its pods").atMost(TIMEOUT).pollInterval(POLL_INTERVAL).until(() -> {
            Deployment d = client.apps().deployments().inNamespace(ns).withName(name).get();
            return d.getStatus() != null && d.getStatus().getUpdatedReplicas() != null && d.getStatus().getUpdatedReplicas() == replicas
                    && d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration());
        });
    }

    @Test
    void aCanaryWhosePodsNeverGetReadyIsRefusedAndNothingIsWritten(WorkloadCluster cluster) {
        KubernetesClient client = cluster.client();
        String ns = reviews(cluster, "gate-never-ready");
        deploy(client, ns, "reviews", "v2", 2, Map.of(), PodBehaviour.NEVER_READY);
        awaitUpdated(client, ns, "reviews-v2", 2);
        await("pods running, not ready").atMost(TIMEOUT).pollInterval(POLL_INTERVAL).until(() -> client.pods().inNamespace(ns)
                .withLabel("version", "v2").list().getItems().stream().filter(p -> "Running".equals(p.getStatus().getPhase())).count() == 2);
        String before = vsVersion(client, ns);
        GrayRelease engine = new GrayRelease(client, SampleRelease.ACTOR);
        ReleaseTarget target = ReleaseTarget.builder(ns, "reviews").stableSubset("v1").canarySubset("v2").build();

        assertThatThrownBy(() -> engine.setWeight(target, 10, WriteOptions.defaults()))
                .isInstanceOfSatisfying(WorkloadNotReadyException.class, e -> {
                    assertThat(e.reason()).isEqualTo("NotReady");
                    assertThat(e.available()).isZero();
                })
                .hasMessageStartingWith(ns + "/Deployment/reviews-v2: status: not ready for 10 % of the traffic: 0 of 2 updated replicas"
                        + " are available; pods: NotReady (2 pods, e.g. reviews-v2-")
                .hasMessageEndingWith(": containers with unready status: [app]). Fix the canary's pods (kubectl describe deployment/reviews-v2;"
                        + " kubectl logs deployment/reviews-v2), or deploy a working image. Nothing was changed");
        assertThat(vsVersion(client, ns)).isEqualTo(before);
    }

    @Test
    void aTypoedCanaryIsRefusedEvenWithAddCanarySubset(WorkloadCluster cluster) {
        KubernetesClient client = cluster.client();
        String ns = reviews(cluster, "gate-typo");
        String before = vsVersion(client, ns);
        GrayRelease engine = new GrayRelease(client, SampleRelease.ACTOR);

        assertThatThrownBy(() -> engine.setWeight(ReleaseTarget.builder(ns, "reviews").stableSubset("v1").canarySubset("v9").build(), 10,
                WriteOptions.defaults().withAddCanarySubset(true)))
                .isInstanceOf(WorkloadNotReadyException.class)
                .hasMessageStartingWith(ns + "/Service/reviews: spec.selector: no Deployment's pods carry app=reviews,version=v9, so nothing"
                        + " would answer the 10 % of the traffic sent to the canary reviews/v9.");
        assertThat(vsVersion(client, ns)).isEqualTo(before);
    }

    @Test
    void podsThatCrashAfterTheShiftAreRolledBackByTheRunningRollout(WorkloadCluster cluster) throws Exception {
        KubernetesClient client = cluster.client();
        String ns = reviews(cluster, "gate-crash");
        deploy(client, ns, "reviews", "v2", 2, Map.of(), PodBehaviour.READY);
        SampleDeployments.awaitAvailable(client, ns, "reviews-v2");
        AtomicBoolean crashed = new AtomicBoolean();
        RolloutListener crashAfterShift = new RolloutListener() {
            @Override
            public void weightWritten(int canaryPercent, ReleaseStatus status) {
                if (crashed.compareAndSet(false, true)) {
                    for (Pod pod : client.pods().inNamespace(ns).withLabel("version", "v2").list().getItems()) {
                        PodBehaviour.CRASH_LOOP.simulateOn(client, pod);
                    }
                }
            }
        };
        var plan = new PlanParser().parse("""
                target: {namespace: %s, service: reviews, stable: v1, canary: v2}
                steps:
                  - setWeight: 20
                  - pause: 10m
                  - setWeight: 50
                """.formatted(ns), "plan.yaml");

        RolloutResult result = new RolloutRunner(new GrayRelease(client, SampleRelease.ACTOR), request -> null, crashAfterShift,
                RolloutRunner.Settings.defaults().withReadinessInterval(Duration.ofMillis(500))).run(plan);

        assertThat(result.outcome()).as(result.message()).isEqualTo(RolloutResult.Outcome.ROLLED_BACK_BY_ANALYSIS);
        assertThat(result.message()).startsWith("canary not ready: " + ns + "/Deployment/reviews-v2: not ready for 20 % of the traffic: ")
                .contains("CrashLoopBackOff").endsWith("; rolled back, all traffic on stable");
        assertThat(result.status().weights().canary()).isZero();
    }

    @Test
    void inTheHttpRouteLayoutTheCanaryServicesPodsAreChecked(WorkloadCluster cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("gate-httproute");
        SandboxObjects.create(client, ns, Variant.HTTP_ROUTE.objects("Service"));
        ObjectNode route = Variant.HTTP_ROUTE.tree("HTTPRoute");
        ((ObjectNode) route.get("metadata")).put("namespace", ns);
        client.genericKubernetesResources(RouteResources.of(RouteKind.HTTP_ROUTE)).inNamespace(ns)
                .resource(client.getKubernetesSerialization().convertValue(route, GenericKubernetesResource.class)).create();
        deploy(client, ns, "reviews", null, 2, Map.of("track", "stable"), PodBehaviour.READY);
        deploy(client, ns, "reviews", null, 2, Map.of("track", "canary"), PodBehaviour.IMAGE_PULL_FAILURE);
        SampleDeployments.awaitAvailable(client, ns, "reviews-stable");
        awaitUpdated(client, ns, "reviews-canary", 2);
        await("image pulls failing").atMost(TIMEOUT).pollInterval(POLL_INTERVAL).until(() -> client.pods().inNamespace(ns)
                .withLabel("track", "canary").list().getItems().stream().filter(p -> "ImagePullBackOff".equals(SampleDeployments.waitingReason(p)))
                .count() == 2);
        GrayRelease engine = new GrayRelease(client, SampleRelease.ACTOR);

        assertThatThrownBy(() -> engine.setWeight(SampleTargets.httpRoute(ns), 10, WriteOptions.defaults()))
                .isInstanceOfSatisfying(WorkloadNotReadyException.class, e -> assertThat(e.reason()).isEqualTo("ImagePullBackOff"))
                .hasMessageStartingWith(ns + "/Deployment/reviews-canary: status: not ready for 10 % of the traffic: 0 of 2 updated replicas"
                        + " are available; pods: ImagePullBackOff (2 pods, e.g. reviews-canary-");
    }

    @Test
    void inBookinfoPromotingReviewsWithCleanupDeletesReviewsV1Only(WorkloadCluster cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.createNamespace("bookinfo");
        for (String service : List.of("details", "ratings", "reviews", "productpage")) {
            service(client, ns, service, Map.of("app", service));
            deploy(client, ns, service, "v1", 1, Map.of(), PodBehaviour.READY);
        }
        SandboxObjects.create(client, ns, VS_AND_DR);
        GrayRelease engine = new GrayRelease(client, SampleRelease.ACTOR);
        ReleaseTarget reviews = ReleaseTarget.builder(ns, "reviews").stableSubset("v1").canarySubset("v2").build();
        for (String service : List.of("details", "ratings", "reviews", "productpage")) {
            SampleDeployments.awaitAvailable(client, ns, service + "-v1");
        }

        engine.deployCanary(reviews, new CanaryDeployment("registry.example/reviews:v2", "v2", null, null, null));
        SampleDeployments.awaitAvailable(client, ns, "reviews-v2");
        engine.setWeight(reviews, 50, WriteOptions.defaults());
        OperationResult promoted = engine.promote(reviews, new PromoteOptions(WriteOptions.defaults(), true));

        assertThat(promoted.notes()).containsExactly("Clean-up: deleted " + ns + "/Deployment/reviews-v1 (the old stable).");
        await("reviews-v1 gone").atMost(TIMEOUT).pollInterval(POLL_INTERVAL).untilAsserted(() ->
                assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).extracting(d -> d.getMetadata().getName())
                        .containsExactlyInAnyOrder("details-v1", "ratings-v1", "productpage-v1", "reviews-v2"));
    }
}
