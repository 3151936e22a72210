package io.jenkins.plugins.grayrelease.core.testing;

import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.fleet.FleetConnections;
import io.jenkins.plugins.grayrelease.core.fleet.FleetTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several sandbox API servers, each standing for one cluster ({@code eu-1}, {@code us-1}, …) and holding the sample's
 * {@code reviews} with subsets v1 and v2 (and their rolled-out Deployments): the cheap stand-in for a fleet.
 */
public final class SandboxFleet implements AutoCloseable {

    private final Map<String, SandboxCluster> clusters = new LinkedHashMap<>();

    private SandboxFleet() {
    }

    /** One sandbox per cluster name. */
    public static SandboxFleet of(String... names) {
        SandboxFleet fleet = new SandboxFleet();
        for (String name : names) {
            fleet.clusters.put(name, SandboxCluster.withSubsets("v1", "v2"));
        }
        return fleet;
    }

    /** One sandbox per cluster name holding the whole sample application (reviews and checkout). */
    public static SandboxFleet withSampleApp(String... names) {
        SandboxFleet fleet = new SandboxFleet();
        for (String name : names) {
            fleet.clusters.put(name, SandboxCluster.withSampleApp());
        }
        return fleet;
    }

    public SandboxCluster cluster(String name) {
        return clusters.get(name);
    }

    /** {@code reviews} (v1 → v2) in cluster {@code name}. */
    public FleetTarget reviews(String name) {
        return new FleetTarget(name, SampleTargets.reviews());
    }

    /** {@code target} in cluster {@code name}. */
    public static FleetTarget in(String name, ReleaseTarget target) {
        return new FleetTarget(name, target);
    }

    /** {@code reviews} in each named cluster. */
    public List<FleetTarget> reviewsIn(String... names) {
        return java.util.Arrays.stream(names).map(this::reviews).toList();
    }

    /** Each target's cluster is the sandbox of that name (quick retries). */
    public FleetConnections connections() {
        return t -> clusters.get(t.cluster()).engine();
    }

    /** The canary's share of {@code reviews} as stored in cluster {@code name}. */
    public int canaryShare(String name) {
        return clusters.get(name).share("v2");
    }

    @Override
    public void close() {
        clusters.values().forEach(SandboxCluster::close);
    }
}
