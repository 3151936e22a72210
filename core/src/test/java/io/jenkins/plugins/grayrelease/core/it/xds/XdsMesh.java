package io.jenkins.plugins.grayrelease.core.it.xds;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKinds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Istio's real control plane and a data plane without Envoy: istiod watching the test API
 * server, and the two loopback gRPC backends (v1, v2). {@link #install} adds one sample
 * application (its own namespace, Service, Pods, EndpointSlice, DestinationRule and
 * VirtualService) with a proxyless gRPC client of its own.
 */
public final class XdsMesh implements AutoCloseable {

    public static final String SERVICE = "reviews";
    public static final int PORT = 9080;
    /** TEST-NET-1 (RFC 5737): documentation addresses, never routed anywhere. */
    private static final String PLACEHOLDER_NET = "192.0.2.";
    /** Each application gets its own pair of placeholder addresses, so no two endpoints share one. */
    private static final AtomicInteger NEXT_PAIR = new AtomicInteger();

    private final RealApiServer server;
    private final Istiod istiod;
    private final GrpcBackends backends;

    private XdsMesh(RealApiServer server, Istiod istiod, GrpcBackends backends) {
        this.server = server;
        this.istiod = istiod;
        this.backends = backends;
    }

    public static XdsMesh start(RealApiServer server) {
        Istiod istiod = Istiod.start(server);
        try {
            return new XdsMesh(server, istiod, GrpcBackends.start(server.binaries().xdsClient()));
        } catch (RuntimeException e) {
            try {
                istiod.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public RealApiServer server() {
        return server;
    }

    /** The loopback host:port of the backend answering {@code version}. */
    public String backendAddress(String version) {
        return backends.address(version);
    }

    /** A new namespace holding the sample application, and a client of it that has received its first routes. */
    public MeshApp install(String namespacePrefix) {
        KubernetesClient client = server.client();
        String namespace = server.createNamespace(namespacePrefix);
        int pair = NEXT_PAIR.getAndIncrement();
        if (pair >= 120) { // .241 and up are left for addresses no client knows
            throw new IllegalStateException("out of placeholder addresses in " + PLACEHOLDER_NET + "0/24");
        }
        Map<String, String> placeholders = new LinkedHashMap<>();
        placeholders.put("v1", PLACEHOLDER_NET + (2 * pair + 1));
        placeholders.put("v2", PLACEHOLDER_NET + (2 * pair + 2));
        String yaml = resource("/it/xds/reviews-grpc.yaml").replace("NAMESPACE", namespace)
                .replace("V1_ADDRESS", placeholders.get("v1")).replace("V2_ADDRESS", placeholders.get("v2"));
        for (String document : yaml.split("(?m)^---$")) {
            if (document.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
                continue;
            }
            create(client, namespace, client.getKubernetesSerialization().unmarshal(document, GenericKubernetesResource.class));
        }
        Map<String, String> endpoints = new LinkedHashMap<>();
        placeholders.forEach((version, address) -> endpoints.put(address + ":" + PORT, backends.address(version)));
        XdsClient xds = XdsClient.start(server.binaries().xdsClient(), istiod.xdsAddress(), namespace,
                SERVICE + "." + namespace + ".svc.cluster.local", PORT, endpoints);
        MeshApp app = new MeshApp(server, namespace, xds);
        try {
            app.awaitCanaryShare(MeshApp.NO_HEADERS, 0, 0);
        } catch (RuntimeException | AssertionError e) {
            app.close();
            throw e;
        }
        return app;
    }

    private static void create(KubernetesClient client, String namespace, GenericKubernetesResource object) {
        if (object.getApiVersion().startsWith("networking.istio.io/")) {
            var kind = object.getKind().equals("VirtualService")
                    ? client.genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE) : client.genericKubernetesResources(SandboxKinds.DESTINATION_RULE);
            kind.inNamespace(namespace).resource(object).create();
        } else {
            client.genericKubernetesResources(object.getApiVersion(), object.getKind()).inNamespace(namespace)
                    .resource(object).create();
        }
    }

    private static String resource(String name) {
        try (InputStream in = XdsMesh.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            backends.close();
        } finally {
            istiod.close();
        }
    }
}
