package io.jenkins.plugins.grayrelease.core.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.RetryPolicy;
import io.jenkins.plugins.grayrelease.core.cluster.ClusterAccess;
import io.jenkins.plugins.grayrelease.core.cluster.ClusterConnector;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.fleet.FleetConnections;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;

/**
 * Three real kube-apiservers, each with its own etcd and the Istio and Gateway API CRDs, on loopback: the clusters
 * {@code eu-1}, {@code us-1} and {@code us-2} of the fleet tests. Started in parallel; one may be killed and started
 * again on the same etcd and port.
 */
final class ThreeApiServers implements AutoCloseable {

    static final List<String> NAMES = List.of("eu-1", "us-1", "us-2");
    /** Quick to give up on a dead server (a few hundred milliseconds), as a test can afford. */
    private static final RetryPolicy QUICK = new RetryPolicy(5, 3, Duration.ofMillis(50), Duration.ofMillis(200));

    private final Map<String, RealApiServer> servers = new LinkedHashMap<>();
    private final List<KubernetesClient> clients = new ArrayList<>();

    private ThreeApiServers() {
    }

    static ThreeApiServers start() {
        List<CompletableFuture<RealApiServer>> starting = NAMES.stream().map(n -> CompletableFuture.supplyAsync(RealApiServer::start)).toList();
        ThreeApiServers three = new ThreeApiServers();
        try {
            for (int i = 0; i < NAMES.size(); i++) {
                three.servers.put(NAMES.get(i), starting.get(i).join());
            }
        } catch (RuntimeException e) {
            starting.forEach(s -> s.thenAccept(ThreeApiServers::closeQuietly));
            throw e;
        }
        return three;
    }

    RealApiServer server(String name) {
        return servers.get(name);
    }

    /** Namespace {@code namespace} with the sample's reviews (subsets v1, v2, their rolled-out Deployments) in every cluster. */
    void installReviews(String namespace) {
        servers.values().forEach(s -> {
            Cluster.ensureNamespace(s.client(), namespace);
            Variant.ADMIN_ROUTE.install(s.client(), namespace);
        });
    }

    /**
     * Each cluster reached as grayctl and Jenkins reach theirs (a kubeconfig, fabric8's own retries off), with quick
     * engine retries; a new client per call, closed with this fixture.
     */
    FleetConnections connections() {
        return target -> {
            KubernetesClient client = ClusterConnector.connect(ClusterAccess.local(servers.get(target.cluster()).kubeconfig().toString(),
                    null, null));
            synchronized (clients) {
                clients.add(client);
            }
            return new GrayRelease(client, SampleRelease.ACTOR, QUICK);
        };
    }

    /** Kills {@code name}'s kube-apiserver (its etcd keeps running); returns what starts it again. */
    Runnable killApiServer(String name) {
        ServerProcesses processes = servers.get(name).processes();
        List<String> command = processes.killApiServer();
        return () -> {
            processes.startApiServer(command);
            Awaitility.await(name + "'s API server answering again").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> servesVirtualServices(servers.get(name).client()));
        };
    }

    /**
     * Whether the restarted server answers for VirtualServices: it answers core paths before it has installed
     * the CRDs' paths (503 "before all known HTTP paths have been installed"), and the fleet writes only those.
     */
    private static boolean servesVirtualServices(KubernetesClient client) {
        client.genericKubernetesResources("networking.istio.io/v1", "VirtualService").inNamespace("default").list();
        return true;
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(KubernetesClient::close);
        }
        servers.values().forEach(ThreeApiServers::closeQuietly);
    }

    private static void closeQuietly(RealApiServer server) {
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("could not stop an API server: " + e);
        }
    }
}
