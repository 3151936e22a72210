package io.jenkins.plugins.grayrelease.core.it.workloads;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import io.jenkins.plugins.grayrelease.core.it.TestBinaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A control plane that runs Deployments without containers: its own {@link RealApiServer} (etcd
 * 3.6, Istio's and the Gateway API's CRDs) plus kube-controller-manager, kube-scheduler and KWOK
 * playing the kubelet of {@value #NODES} fake nodes. A Deployment becomes a ReplicaSet and Pods;
 * the real scheduler binds them (or reports them Unschedulable); KWOK turns them Running and Ready
 * with a pod IP, or into the failure a test asks for ({@link PodBehaviour}); EndpointSlices and
 * the Deployment's status follow as in a real cluster. Built by {@code .ci/kube-binaries.sh}; a
 * missing binary fails the test (never skips).
 *
 * <h2>Using it in a test</h2>
 * <pre>{@code
 * @WorkloadsTest                       // tag "workloads"; one cluster per test JVM, shared by every class
 * class MyTest {
 *     @Test
 *     void something(WorkloadCluster cluster) {
 *         String ns = cluster.createNamespace("my");            // isolate each test in its own namespace
 *         KubernetesClient client = cluster.client();
 *         // a Deployment whose pods crash-loop: PodBehaviour.CRASH_LOOP.annotation() in its pod template;
 *         // a running pod that starts crashing now: PodBehaviour.CRASH_LOOP.simulateOn(client, pod);
 *         // a pod that cannot be scheduled: a nodeSelector no node has (the nodes carry type=kwok).
 *         // Istio objects as in the apiserver tests: SampleRelease.install(cluster.server(), "my") etc.
 *     }
 * }
 * }</pre>
 * Do not change the shared nodes (cordon, taints, labels); create what you need in your namespace.
 * Pods become Ready about a second after they are bound; a 2-replica Deployment is available in a
 * few seconds. What KWOK cannot simulate (containers, probes, logs, exec, traffic): see
 * docs/workloads-cluster.md.
 */
public final class WorkloadCluster implements AutoCloseable {

    static final int NODES = 3;
    /** Generous: CI shares two CPUs with other builds. */
    private static final Duration NODES_READY_TIMEOUT = Duration.ofSeconds(180);
    private static final String LOOPBACK = "127.0.0.1";
    /** Placeholder pod IPs: nothing ever connects to them (the API server refuses loopback addresses in EndpointSlices). */
    static final String POD_CIDR = "10.244.0.0/16";
    /** The controllers a Deployment needs, and the node-lifecycle one that lifts the not-ready taint from new nodes. */
    static final List<String> CONTROLLERS = List.of("deployment-controller", "replicaset-controller",
            "endpointslice-controller", "garbage-collector-controller", "node-lifecycle-controller", "namespace-controller");

    private final RealApiServer server;
    private final Path workDir;
    private final List<ControlPlaneProcess> processes;
    private final List<String> nodes;

    private WorkloadCluster(RealApiServer server, Path workDir, List<ControlPlaneProcess> processes, List<String> nodes) {
        this.server = server;
        this.workDir = workDir;
        this.processes = processes;
        this.nodes = nodes;
    }

    /** Starts everything and waits until the nodes take pods; fails (never skips) saying what is missing or what went wrong. */
    public static WorkloadCluster start() {
        TestBinaries binaries = TestBinaries.fromEnvironment().requirePresent().requireWorkloads();
        long started = System.nanoTime();
        RealApiServer server = RealApiServer.start();
        long apiServerReady = System.nanoTime();
        Path workDir = null;
        List<ControlPlaneProcess> processes = new ArrayList<>();
        try {
            workDir = Files.createTempDirectory("gray-release-workloads");
            String kubeconfig = server.kubeconfig().toString();
            processes.add(ControlPlaneProcess.start("kube-controller-manager", List.of(
                    binaries.kubeControllerManager().toString(),
                    "--kubeconfig=" + kubeconfig,
                    "--controllers=" + String.join(",", CONTROLLERS),
                    "--leader-elect=false",
                    "--use-service-account-credentials=false",
                    // No HTTPS endpoint at all: nothing listens, nothing collides with a parallel run.
                    "--secure-port=0",
                    "--bind-address=" + LOOPBACK,
                    // A new node's not-ready taint is lifted within a second, not five.
                    "--node-monitor-period=1s",
                    "--kube-api-qps=100", "--kube-api-burst=200"), workDir));
            processes.add(ControlPlaneProcess.start("kube-scheduler", List.of(
                    binaries.kubeScheduler().toString(),
                    "--kubeconfig=" + kubeconfig,
                    "--leader-elect=false",
                    "--secure-port=0",
                    "--bind-address=" + LOOPBACK), workDir));
            List<String> kwok = new ArrayList<>(List.of(binaries.kwok().toString(),
                    "--kubeconfig=" + kubeconfig,
                    "--manage-all-nodes=false",
                    "--manage-nodes-with-annotation-selector=" + FakeNodes.ANNOTATION + "=" + FakeNodes.ANNOTATION_VALUE,
                    "--node-ip=" + LOOPBACK,
                    "--cidr=" + POD_CIDR,
                    "--node-lease-duration-seconds=40"));
            KwokStages.writeTo(workDir).forEach(stage -> kwok.add("--config=" + stage));
            processes.add(ControlPlaneProcess.start("kwok", kwok, workDir));

            List<String> nodes = FakeNodes.create(server.client(), NODES);
            WorkloadCluster cluster = new WorkloadCluster(server, workDir, processes, nodes);
            cluster.awaitNodesSchedulable();
            System.out.printf("workloads: API server and etcd ready in %.1f s, %d nodes ready to take pods %.1f s after start%n",
                    (apiServerReady - started) / 1e9, NODES, (System.nanoTime() - started) / 1e9);
            return cluster;
        } catch (IOException e) {
            stop(server, workDir, processes);
            throw new UncheckedIOException("cannot prepare the workload cluster's work directory", e);
        } catch (RuntimeException e) {
            stop(server, workDir, processes);
            throw e;
        }
    }

    private void awaitNodesSchedulable() {
        try {
            await("fake nodes Ready and untainted").atMost(NODES_READY_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .failFast("a control-plane process exited", () -> processes.stream().anyMatch(p -> !p.isAlive()))
                    .until(() -> FakeNodes.allSchedulable(server.client(), nodes));
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new IllegalStateException("the workload cluster's nodes " + nodes + " did not become Ready and untainted ("
                    + e.getMessage() + ").\n" + diagnosis(), e);
        }
    }

    /** The state and last log lines of every control-plane process, for a failure message. */
    public String diagnosis() {
        return processes.stream().map(ControlPlaneProcess::diagnosis).collect(Collectors.joining("\n\n"));
    }

    /** An admin client; shared, do not close it. */
    public KubernetesClient client() {
        return server.client();
    }

    /** A separate client, e.g. with a request counter; the caller closes it. */
    public KubernetesClient newClient(Consumer<KubernetesClientBuilder> customizer) {
        return server.newClient(customizer);
    }

    /** The API server underneath, for the fixtures of the apiserver tests (SampleRelease, RbacFixture, IstioValidator). */
    public RealApiServer server() {
        return server;
    }

    /** An admin kubeconfig file, e.g. for kubectl or grayctl. */
    public Path kubeconfig() {
        return server.kubeconfig();
    }

    /** A new namespace with a generated name starting with {@code prefix}; returns its name. */
    public String createNamespace(String prefix) {
        return server.createNamespace(prefix);
    }

    /** The fake nodes' names. */
    public List<String> nodes() {
        return nodes;
    }

    @Override
    public void close() throws IOException {
        stop(server, workDir, processes);
    }

    /** The controllers first (they would log errors about a vanished API server), then the API server, then the files. */
    private static void stop(RealApiServer server, Path workDir, List<ControlPlaneProcess> processes) {
        List<ControlPlaneProcess> reversed = new ArrayList<>(processes);
        Collections.reverse(reversed);
        reversed.forEach(ControlPlaneProcess::close);
        try {
            server.close();
            if (workDir != null) {
                deleteRecursively(workDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up the workload cluster", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.toList());
            Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
