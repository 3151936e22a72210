package io.jenkins.plugins.grayrelease.core.bench;

import io.jenkins.plugins.grayrelease.core.fleet.Fleet;
import io.jenkins.plugins.grayrelease.core.fleet.FleetConnections;
import io.jenkins.plugins.grayrelease.core.fleet.FleetListener;
import io.jenkins.plugins.grayrelease.core.fleet.FleetOutcome;
import io.jenkins.plugins.grayrelease.core.fleet.FleetRelease;
import io.jenkins.plugins.grayrelease.core.fleet.FleetTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One weight change of a whole fleet (every target of one wave, written concurrently), timed for 1, 3 and 10 targets
 * on separate API servers, in interleaved rounds so that the sizes share the machine's ups and downs; and the API
 * requests per target per shift in the fleet's session.
 */
final class FleetShiftTime {

    private static final int ROUNDS = 5;
    private static final int SHIFTS_PER_ROUND = 10;

    /**
     * @param kind      what the servers are, for the report ("sandbox" or "kube-apiserver")
     * @param targets   one target per API server, at least as many as the largest size
     * @param requests  the requests all those servers received so far
     * @param patches   the PATCHes of routing objects among them
     */
    record Servers(String kind, List<FleetTarget> targets, FleetConnections connections, LongSupplier requests, LongSupplier patches) {
    }

    private FleetShiftTime() {
    }

    static void run(Servers servers, int[] sizes, BenchReport report) {
        Map<Integer, List<Long>> nanos = new HashMap<>();
        Map<Integer, double[]> perTarget = new HashMap<>();
        Map<Integer, double[]> patchesPerTarget = new HashMap<>();
        List<FleetRelease> releases = new ArrayList<>();
        try {
            Map<Integer, FleetRelease> bySize = new HashMap<>();
            for (int n : sizes) {
                FleetRelease release = new FleetRelease(Fleet.of("bench-" + n, servers.targets().subList(0, n)),
                        servers.connections(), FleetListener.NONE, FleetRelease.Settings.defaults().withParallelism(10));
                releases.add(release);
                check(release.setWeight(1)); // the session's first read and the clients' connections are not timed
                bySize.put(n, release);
                nanos.put(n, new ArrayList<>());
            }
            int weight = 1;
            for (int round = 0; round < ROUNDS; round++) {
                for (int n : sizes) {
                    // The sizes share their first servers: this session's copy is stale after the other sizes wrote, so its
                    // first shift of a round re-reads (a refused guard); it is neither timed nor counted.
                    weight = weight % 98 + 2;
                    check(bySize.get(n).setWeight(weight));
                    long requestsBefore = servers.requests().getAsLong();
                    long patchesBefore = servers.patches().getAsLong();
                    for (int i = 0; i < SHIFTS_PER_ROUND; i++) {
                        weight = weight % 98 + 2;
                        long t0 = System.nanoTime();
                        check(bySize.get(n).setWeight(weight));
                        nanos.get(n).add(System.nanoTime() - t0);
                    }
                    double per = (servers.requests().getAsLong() - requestsBefore) / (double) (n * SHIFTS_PER_ROUND);
                    double[] sum = perTarget.computeIfAbsent(n, k -> new double[2]);
                    sum[0] += per;
                    sum[1]++;
                    double[] patches = patchesPerTarget.computeIfAbsent(n, k -> new double[2]);
                    patches[0] += (servers.patches().getAsLong() - patchesBefore) / (double) (n * SHIFTS_PER_ROUND);
                    patches[1]++;
                }
            }
        } finally {
            releases.forEach(FleetRelease::close);
        }
        double base = percentiles(nanos.get(sizes[0])).p50();
        for (int n : sizes) {
            Percentiles p = percentiles(nanos.get(n));
            double median = p.p50();
            report.add("fleet weight change, " + n + " target" + (n == 1 ? "" : "s") + " (" + servers.kind() + ")",
                    String.format("%.1f ms median, %.1f ms p99, ×%.2f of 1 target; per target per shift %.2f requests, of them %.2f PATCH",
                            median, p.p99(), median / base, perTarget.get(n)[0] / perTarget.get(n)[1],
                            patchesPerTarget.get(n)[0] / patchesPerTarget.get(n)[1]),
                    ROUNDS * SHIFTS_PER_ROUND + " shifts, " + n + " separate API servers (" + servers.kind() + "), written concurrently"
                            + " in one session, sizes interleaved; the requests besides the PATCH are the readiness gate's"
                            + " list of Deployments before a weight rises");
        }
    }

    private static Percentiles percentiles(List<Long> samples) {
        return Percentiles.ofNanos(samples.stream().mapToLong(Long::longValue).toArray());
    }

    private static void check(FleetOutcome outcome) {
        if (!outcome.succeeded()) {
            throw new IllegalStateException("the benchmark's fleet shift failed: " + outcome.summary());
        }
    }
}
