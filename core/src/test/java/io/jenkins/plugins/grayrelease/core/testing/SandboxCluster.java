package io.jenkins.plugins.grayrelease.core.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.GrayRelease;
import io.jenkins.plugins.grayrelease.core.RetryPolicy;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;

/**
 * A fabric8 mock API server in CRUD mode on 127.0.0.1 with a {@link FaultInjector} in front,
 * and a client that gives up after one second (so injected timeouts are quick). Use it with
 * try-with-resources; {@link #withSampleApp()} loads {@link SampleApp}.
 */
public final class SandboxCluster implements AutoCloseable {

    private final KubernetesMockServer server;
    private final FaultInjector faults;
    private final KubernetesClient client;

    private SandboxCluster() {
        faults = new FaultInjector(new KubernetesCrudDispatcher());
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), faults, false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        client = server.createClient(b -> b.editOrNewConfig().withRequestTimeout(1000).withRequestRetryBackoffLimit(0).endConfig());
    }

    public static SandboxCluster start() {
        return new SandboxCluster();
    }

    /** A sandbox holding {@link SampleApp#subsetLayout()} and {@link SampleApp#TWO_HOST_YAML}. */
    public static SandboxCluster withSampleApp() {
        return start().load(SampleApp.subsetLayout()).load(SampleApp.TWO_HOST_YAML);
    }

    /** Creates every object of a multi-document YAML (Istio kinds as generic resources). */
    public SandboxCluster load(String yaml) {
        for (ObjectNode doc : Yaml.documents(yaml)) {
            String kind = doc.path("kind").asText();
            String ns = doc.path("metadata").path("namespace").asText(SampleApp.NAMESPACE);
            if (kind.equals("VirtualService") || kind.equals("DestinationRule")) {
                var ctx = kind.equals("VirtualService") ? IstioResources.VIRTUAL_SERVICE : IstioResources.DESTINATION_RULE;
                client.genericKubernetesResources(ctx).inNamespace(ns)
                        .resource(client.getKubernetesSerialization().convertValue(doc, GenericKubernetesResource.class)).create();
            } else {
                HasMetadata object = client.getKubernetesSerialization().unmarshal(doc.toString());
                client.resource(object).inNamespace(ns).create();
            }
        }
        return this;
    }

    public KubernetesClient client() {
        return client;
    }

    public FaultInjector faults() {
        return faults;
    }

    /** An engine on this sandbox: quick retries, and no server-side dry run (the mock server would store it). */
    public GrayRelease engine() {
        return new GrayRelease(client, new Actor("alice", "https://ci.example.org/job/shop/42/"),
                new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(10)), false);
    }

    public ObjectNode virtualService(String name) {
        return new IstioResources(client).get(IstioResources.VIRTUAL_SERVICE, SampleApp.NAMESPACE, name);
    }

    public ObjectNode destinationRule(String name) {
        return new IstioResources(client).get(IstioResources.DESTINATION_RULE, SampleApp.NAMESPACE, name);
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
