package io.jenkins.plugins.grayrelease.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.RetryPolicy;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.cluster.GuardedPatch;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.it.ApiServerTest;
import io.jenkins.plugins.grayrelease.core.it.IstioValidator;
import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.testing.SampleTargets;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import io.jenkins.plugins.grayrelease.sandbox.SandboxObjects;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What only a real API server (with Istio's CRD schemas) can show about the engine's writes. */
@ApiServerTest
class EngineOnRealApiServerTest {

    private static GrayRelease engine(RealApiServer server) {
        return new GrayRelease(server.client(), new Actor("alice", "junit"), new RetryPolicy(5, Duration.ofMillis(5), Duration.ofMillis(50)));
    }

    private static ReleaseTarget install(RealApiServer server, String prefix) {
        String namespace = server.createNamespace(prefix);
        SandboxObjects.create(server.client(), namespace, Variant.SUBSETS.yaml());
        io.jenkins.plugins.grayrelease.core.testing.Workloads.serve(server.client(), namespace, "reviews", "v3");
        return SampleTargets.reviews().toBuilder().namespace(namespace).build();
    }

    @Test
    void aWholeReleaseIsAcceptedByTheApiServerAndValidByIstio(RealApiServer server, IstioValidator istio) {
        ReleaseTarget target = install(server, "engine-release");
        GrayRelease engine = engine(server);
        ReleaseTarget byName = ReleaseTarget.builder(target.namespace(), "reviews").build();

        engine.setWeight(target, 10, WriteOptions.defaults());
        engine.setTesters(target, TesterRoute.of(TesterMatch.header("x-canary", "yes"), TesterMatch.headerPrefix("user-agent", "qa-"),
                TesterMatch.headerRegex("x-team", "^(qa|dev)$"), TesterMatch.cookie("canary", "on")), WriteOptions.defaults());
        engine.setMirror(target, 20, WriteOptions.defaults());
        assertThat(istio.validateStored(target.namespace()).valid()).as("after weight, testers, mirror").isTrue();

        OperationResult promoted = engine.promote(byName, PromoteOptions.defaults());
        assertThat(promoted.status().phase()).isEqualTo(Phase.PROMOTED);
        assertThat(istio.validateStored(target.namespace()).valid()).as("after promote").isTrue();

        ReleaseTarget second = ReleaseTarget.builder(target.namespace(), "reviews").canarySubset("v3").build();
        assertThat(engine.setWeight(second, 50, WriteOptions.defaults().withAddCanarySubset(true)).status().weights())
                .isEqualTo(new WeightSplit(50, 50));
        assertThat(istio.validateStored(target.namespace()).valid()).as("second release").isTrue();

        OperationResult back = engine.rollback(byName, WriteOptions.defaults());
        assertThat(back.status().weights()).isEqualTo(new WeightSplit(100, 0));
        assertThat(back.status().stable().subset()).isEqualTo("v2");
        assertThat(istio.validateStored(target.namespace()).valid()).as("after rollback").isTrue();
    }

    @Test
    void aPatchGuardedWithAStaleResourceVersionIsRefusedWith409(RealApiServer server) {
        ReleaseTarget target = install(server, "engine-guard");
        IstioResources istio = new IstioResources(server.client());
        ObjectNode read = istio.get(IstioResources.VIRTUAL_SERVICE, target.namespace(), "reviews");
        istio.patch(IstioResources.VIRTUAL_SERVICE, target.namespace(), "reviews",
                "[{\"op\":\"replace\",\"path\":\"/spec/http/1/retries/attempts\",\"value\":7}]");
        ObjectNode planned = read.deepCopy();
        ((ObjectNode) planned.path("spec").path("http").get(2).path("route").get(0)).put("weight", 100);
        String stale = GuardedPatch.guarded(read, GuardedPatch.diff(read, planned)).toString();

        KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class,
                () -> istio.patch(IstioResources.VIRTUAL_SERVICE, target.namespace(), "reviews", stale));

        assertThat(refused).isNotNull();
        assertThat(refused.getCode()).isEqualTo(409);
        ObjectNode now = istio.get(IstioResources.VIRTUAL_SERVICE, target.namespace(), "reviews");
        assertThat(now.path("spec").path("http").get(2).path("route").get(0).has("weight")).isFalse();
        assertThat(now.path("spec").path("http").get(1).path("retries").path("attempts").asInt()).isEqualTo(7);
    }

    @Test
    void dryRunIsValidatedByTheServerAndStoresNothing(RealApiServer server) {
        ReleaseTarget target = install(server, "engine-dryrun");
        IstioResources istio = new IstioResources(server.client());
        ObjectNode before = istio.get(IstioResources.VIRTUAL_SERVICE, target.namespace(), "reviews");
        ObjectNode drBefore = istio.get(IstioResources.DESTINATION_RULE, target.namespace(), "reviews");

        OperationResult result = engine(server).setWeight(target.toBuilder().canarySubset("v3").build(), 30,
                WriteOptions.dryRunOnly().withAddCanarySubset(true));

        assertThat(result.change().serverValidated()).isTrue();
        assertThat(result.status().weights()).isEqualTo(new WeightSplit(70, 30));
        assertThat(istio.get(IstioResources.VIRTUAL_SERVICE, target.namespace(), "reviews")).isEqualTo(before);
        assertThat(istio.get(IstioResources.DESTINATION_RULE, target.namespace(), "reviews")).isEqualTo(drBefore);
    }

    @Test
    void dryRunOverAnotherWritersFieldsIsValidatedWithoutConflict(RealApiServer server) {
        ReleaseTarget target = install(server, "engine-dryrun-plain");
        assertThat(engine(server).setWeight(target, 5, WriteOptions.dryRunOnly()).change().serverValidated()).isTrue();
        server.client().genericKubernetesResources(IstioResources.VIRTUAL_SERVICE).inNamespace(target.namespace()).withName("reviews")
                .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"replace\",\"path\":\"/spec/http/0/timeout\",\"value\":\"4s\"}]");
        assertThat(engine(server).setWeight(target, 5, WriteOptions.dryRunOnly()).change().serverValidated()).isTrue();
    }
}
