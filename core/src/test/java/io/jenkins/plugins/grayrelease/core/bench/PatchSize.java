package io.jenkins.plugins.grayrelease.core.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.it.ManyRoutes;
import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import io.jenkins.plugins.grayrelease.core.it.RequestCounter;
import io.jenkins.plugins.grayrelease.core.it.SampleRelease;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKinds;
import java.nio.charset.StandardCharsets;

/** Bytes of the PATCH a weight shift sends, for VirtualServices of growing size, next to the object's own size. */
final class PatchSize {

    private static final int[] ROUTES = {10, 100, 1000};

    private PatchSize() {
    }

    static void run(RealApiServer server, BenchReport report) {
        String namespace = server.createNamespace("bench-patch");
        RequestCounter counter = new RequestCounter();
        try (KubernetesClient client = server.newClient(b -> b.withHttpClientBuilderConsumer(
                h -> h.addOrReplaceInterceptor("bench-counter", counter)))) {
            GrayRelease engine = new GrayRelease(client, SampleRelease.ACTOR);
            for (int routes : ROUTES) {
                String host = "routes-" + routes;
                ManyRoutes.install(client, namespace, host, routes);
                int objectBytes = json(client, namespace, host).length;
                // The middle route: its index appears in the patch paths, as it would for a real user route.
                ReleaseTarget target = ReleaseTarget.builder(namespace, host).route(ManyRoutes.routeName(routes / 2))
                        .stableSubset("v1").canarySubset("v2").build();
                engine.setWeight(target, 10, WriteOptions.defaults()); // first shift also records the state
                RequestCounter.Snapshot start = counter.snapshot();
                OperationResult result = engine.setWeight(target, 20, WriteOptions.defaults());
                long wire = counter.snapshot().minus(start).patchBytes();
                report.add("patch bytes, VirtualService with " + routes + " routes", wire + " B",
                        "object is " + objectBytes + " B; patch text " + result.change().patch().getBytes(StandardCharsets.UTF_8).length
                                + " B incl. state annotation");
            }
        }
    }

    private static byte[] json(KubernetesClient client, String namespace, String name) {
        return client.getKubernetesSerialization().asJson(client.genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE).inNamespace(namespace)
                .withName(name).get()).getBytes(StandardCharsets.UTF_8);
    }
}
