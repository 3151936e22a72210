package io.jenkins.plugins.grayrelease.core.it;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKinds;

/**
 * A VirtualService with many header-matched HTTP routes ({@code route-0000}, {@code route-0001}, …),
 * each sending everything to subset v1 of one host, and its DestinationRule with v1 and v2:
 * the shape for concurrency tests (one writer per route) and patch-size benchmarks.
 */
public final class ManyRoutes {

    private ManyRoutes() {
    }

    public static String routeName(int index) {
        return "route-%04d".formatted(index);
    }

    public static void install(KubernetesClient client, String namespace, String host, int routes) {
        StringBuilder http = new StringBuilder();
        for (int i = 0; i < routes; i++) {
            http.append(i == 0 ? "" : ",").append("""
                    {"name":"%s","match":[{"headers":{"x-route":{"exact":"%d"}}}],
                     "route":[{"destination":{"host":"%s","subset":"v1"},"weight":100}]}""".formatted(routeName(i), i, host));
        }
        String vs = """
                {"apiVersion":"networking.istio.io/v1","kind":"VirtualService",
                 "metadata":{"name":"%1$s"},"spec":{"hosts":["%1$s"],"http":[%2$s]}}""".formatted(host, http);
        String dr = """
                {"apiVersion":"networking.istio.io/v1","kind":"DestinationRule","metadata":{"name":"%1$s"},
                 "spec":{"host":"%1$s","subsets":[{"name":"v1","labels":{"version":"v1"}},{"name":"v2","labels":{"version":"v2"}}]}}
                """.formatted(host);
        client.genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE).inNamespace(namespace)
                .resource(client.getKubernetesSerialization().unmarshal(vs, GenericKubernetesResource.class)).create();
        client.genericKubernetesResources(SandboxKinds.DESTINATION_RULE).inNamespace(namespace)
                .resource(client.getKubernetesSerialization().unmarshal(dr, GenericKubernetesResource.class)).create();
        io.jenkins.plugins.grayrelease.core.testing.Workloads.serve(client, namespace, host, "v1", "v2");
    }
}
