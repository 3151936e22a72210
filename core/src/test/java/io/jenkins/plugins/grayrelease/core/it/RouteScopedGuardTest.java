package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKinds;
import org.junit.jupiter.api.Test;

/**
 * Route-scoped guards on the real API server: a session plans a shift from the VirtualService it
 * read earlier; what happened in between decides whether its one PATCH goes through (another
 * route changed) or is refused by a {@code test} operation and re-planned (its own route changed,
 * a route was inserted before it). Nothing is ever lost.
 */
@ApiServerTest
class RouteScopedGuardTest {

    private static final String HOST = "shop";

    record Release(String namespace, KubernetesClient client, RequestCounter counter, GrayRelease session, ReleaseTarget target)
            implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    private static Release release(RealApiServer server, String prefix) {
        String namespace = server.createNamespace(prefix);
        ManyRoutes.install(server.client(), namespace, HOST, 3);
        RequestCounter counter = new RequestCounter();
        KubernetesClient client = server.newClient(b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("counter", counter)));
        ReleaseTarget target = ReleaseTarget.builder(namespace, HOST).route(ManyRoutes.routeName(1))
                .stableSubset("v1").canarySubset("v2").build();
        GrayRelease session = new GrayRelease(client, SampleRelease.ACTOR).session();
        session.setWeight(target, 10, WriteOptions.defaults()); // the first record (a new annotation) is in place
        return new Release(namespace, client, counter, session, target);
    }

    @Test
    void changeOfAnotherRouteBetweenReadAndWriteDoesNotRefuseTheWrite(RealApiServer server) {
        try (Release r = release(server, "guard-other")) {
            ReleaseTarget other = r.target().toBuilder().route(ManyRoutes.routeName(2)).build();
            new GrayRelease(server.client(), SampleRelease.ACTOR).setWeight(other, 30, WriteOptions.defaults());

            RequestCounter.Snapshot before = r.counter().snapshot();
            r.session().setWeight(r.target(), 20, WriteOptions.defaults());
            RequestCounter.Snapshot used = r.counter().snapshot().minus(before);

            // And the readiness gate's list of Deployments (the session remembers the Service).
            assertThat(used.total()).as("one PATCH, planned from the session's copy").isEqualTo(2);
            assertThat(used.patches()).isEqualTo(1);
            StoredRoutes stored = StoredRoutes.read(server.client(), r.namespace(), HOST);
            assertThat(stored.weight(ManyRoutes.routeName(1), "v2")).isEqualTo(20);
            assertThat(stored.weight(ManyRoutes.routeName(2), "v2")).as("the other writer's change").isEqualTo(30);
        }
    }

    @Test
    void changeOfTheSameRouteBetweenReadAndWriteIsRefusedAndReplanned(RealApiServer server) {
        try (Release r = release(server, "guard-same")) {
            // Someone else mirrors 5 % of the same route (route and record change) after the session read it.
            new GrayRelease(server.client(), SampleRelease.ACTOR).setMirror(r.target(), 5, WriteOptions.defaults());

            RequestCounter.Snapshot before = r.counter().snapshot();
            r.session().setWeight(r.target(), 20, WriteOptions.defaults());
            RequestCounter.Snapshot used = r.counter().snapshot().minus(before);

            assertThat(used.refused()).as("the stale plan's guard refused (422)").isEqualTo(1);
            assertThat(used.patches()).as("refused PATCH, then the re-planned one").isEqualTo(2);
            StoredRoutes stored = StoredRoutes.read(server.client(), r.namespace(), HOST);
            assertThat(stored.weight(ManyRoutes.routeName(1), "v2")).isEqualTo(20);
            assertThat(stored.route(ManyRoutes.routeName(1)).path("mirrorPercentage").path("value").asDouble())
                    .as("the other writer's mirror is not lost").isEqualTo(5.0);
            ReleaseStatus status = new GrayRelease(server.client(), SampleRelease.ACTOR).status(r.target());
            assertThat(status.weights().canary()).isEqualTo(20);
            assertThat(status.mirrorPercent()).as("recorded and real mirror agree").isEqualTo(5);
        }
    }

    @Test
    void routeInsertedBeforeTheManagedOneIsDetected(RealApiServer server) {
        try (Release r = release(server, "guard-insert")) {
            String inserted = """
                    [{"op":"add","path":"/spec/http/0","value":{"name":"inserted","match":[{"uri":{"prefix":"/new"}}],
                      "route":[{"destination":{"host":"%s","subset":"v1"}}]}}]""".formatted(HOST);
            server.client().genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE).inNamespace(r.namespace()).withName(HOST)
                    .patch(PatchContext.of(PatchType.JSON), inserted);

            RequestCounter.Snapshot before = r.counter().snapshot();
            r.session().setWeight(r.target(), 20, WriteOptions.defaults());
            RequestCounter.Snapshot used = r.counter().snapshot().minus(before);

            assertThat(used.refused()).as("the managed route is no longer at the index the plan read").isEqualTo(1);
            StoredRoutes stored = StoredRoutes.read(server.client(), r.namespace(), HOST);
            assertThat(stored.routeNames()).containsExactly("inserted", ManyRoutes.routeName(0), ManyRoutes.routeName(1),
                    ManyRoutes.routeName(2));
            assertThat(stored.weight(ManyRoutes.routeName(1), "v2")).isEqualTo(20);
            assertThat(stored.weight("inserted", "v2")).isZero();
            assertThat(stored.weight(ManyRoutes.routeName(0), "v2")).as("the route now at the old index is untouched").isZero();
            GenericKubernetesResource vs = server.client().genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE).inNamespace(r.namespace()).withName(HOST).get();
            assertThat(vs.getMetadata().getAnnotations()).containsKey("grayrelease.jenkins.io/state." + ManyRoutes.routeName(1));
        }
    }
}
