package io.jenkins.plugins.grayrelease.core.bench;

import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.fleet.FleetTarget;
import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import io.jenkins.plugins.grayrelease.core.it.RequestCounter;
import io.jenkins.plugins.grayrelease.core.it.SampleRelease;
import io.jenkins.plugins.grayrelease.core.testing.SandboxFleet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A fleet's weight change across 1, 3 and 10 targets, each on its own API server: first on the sandbox's in-process
 * servers (cheap: ten of them in this JVM), then on real kube-apiservers (each with its own etcd; 3 by default,
 * {@code -Dbench.fleet.real=N}, 0 to skip). Prints numbers, asserts nothing. Run from the repository root (binaries
 * set up as {@code .ci/run} does):
 *
 * <pre>mvn -B -ntp -pl sandbox,core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.jenkins.plugins.grayrelease.core.bench.FleetBenchmarks</pre>
 */
public final class FleetBenchmarks {

    private FleetBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        BenchReport report = new BenchReport();
        report.add("load at start", GrayReleaseBenchmarks.loadAverage(), "uptime's 1/5/15-minute load averages; the machine is shared");
        long started = System.nanoTime();
        String[] names = new String[10];
        for (int i = 0; i < names.length; i++) {
            names[i] = "cluster-" + (i + 1);
        }
        try (SandboxFleet sandboxes = SandboxFleet.of(names)) {
            List<FleetTarget> targets = java.util.Arrays.stream(names).map(sandboxes::reviews).toList();
            FleetShiftTime.Servers servers = new FleetShiftTime.Servers("sandbox", targets, sandboxes.connections(),
                    () -> java.util.Arrays.stream(names).mapToLong(n -> sandboxes.cluster(n).faults().requests().size()).sum(),
                    () -> java.util.Arrays.stream(names).mapToLong(n -> sandboxes.cluster(n).faults().count("PATCH", "virtualservices")).sum());
            // As they are: every server and the client share this JVM and its CPUs, so the work of 10 targets competes.
            FleetShiftTime.run(servers, new int[] {1, 3, 10}, report);
            // Each answer 20 ms late, like an API server in another data centre: the waiting overlaps, the CPU work does not.
            java.util.Arrays.stream(names).forEach(n -> sandboxes.cluster(n).faults().answerAfter(java.time.Duration.ofMillis(20)));
            FleetShiftTime.run(new FleetShiftTime.Servers("sandbox, answers 20 ms late", targets, servers.connections(),
                    servers.requests(), servers.patches()), new int[] {1, 3, 10}, report);
        }
        int real = Integer.getInteger("bench.fleet.real", 3);
        if (real > 0) {
            realServers(real, report);
        }
        report.add("load at end", GrayReleaseBenchmarks.loadAverage(), "");
        System.out.printf("%nbench: finished in %.0f s%n%n%s", (System.nanoTime() - started) / 1e9, report.markdown());
    }

    private static void realServers(int count, BenchReport report) throws Exception {
        List<CompletableFuture<RealApiServer>> starting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starting.add(CompletableFuture.supplyAsync(RealApiServer::start));
        }
        List<RealApiServer> servers = new ArrayList<>();
        List<KubernetesClient> clients = new ArrayList<>();
        try {
            for (CompletableFuture<RealApiServer> s : starting) {
                servers.add(s.join());
            }
            RequestCounter counter = new RequestCounter();
            List<FleetTarget> targets = new ArrayList<>();
            Map<String, GrayRelease> engines = new HashMap<>();
            for (int i = 0; i < servers.size(); i++) {
                SampleRelease release = SampleRelease.install(servers.get(i), "bench-fleet");
                KubernetesClient client = servers.get(i).newClient(b -> b.withHttpClientBuilderConsumer(
                        h -> h.addOrReplaceInterceptor("bench-counter", counter)));
                clients.add(client);
                String name = "real-" + (i + 1);
                targets.add(new FleetTarget(name, release.target()));
                engines.put(name, new GrayRelease(client, new Actor("bench", "fleet")));
            }
            int[] sizes = count >= 3 ? new int[] {1, 3} : new int[] {1};
            FleetShiftTime.run(new FleetShiftTime.Servers("kube-apiserver", targets, t -> engines.get(t.cluster()),
                    () -> counter.snapshot().total(), () -> counter.snapshot().patches()), sizes, report);
        } finally {
            clients.forEach(KubernetesClient::close);
            for (RealApiServer s : servers) {
                s.close();
            }
        }
    }
}
