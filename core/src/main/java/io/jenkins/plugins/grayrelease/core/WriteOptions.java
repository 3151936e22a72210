package io.jenkins.plugins.grayrelease.core;

import java.util.Map;

/**
 * How a writing operation writes.
 *
 * @param dryRun             compute the change and return it without storing anything; against
 *                           a real API server the planned objects are also validated there with
 *                           {@code dryRun=All} (a server-side apply, which no server stores by mistake)
 * @param addCanarySubset    add the canary subset to the DestinationRule when it is missing
 *                           (otherwise a missing subset is an error that lists the existing ones)
 * @param canarySubsetLabels labels for an added canary subset; empty means {@code version: <subset>}
 * @param fleet              the fleet release the write belongs to, recorded in the target's release record; null:
 *                           the record keeps the membership it has
 */
public record WriteOptions(boolean dryRun, boolean addCanarySubset, Map<String, String> canarySubsetLabels,
                           io.jenkins.plugins.grayrelease.core.state.FleetMembership fleet) {

    public WriteOptions {
        canarySubsetLabels = canarySubsetLabels == null ? Map.of() : Map.copyOf(canarySubsetLabels);
    }

    /** Options of a write outside any fleet release. */
    public WriteOptions(boolean dryRun, boolean addCanarySubset, Map<String, String> canarySubsetLabels) {
        this(dryRun, addCanarySubset, canarySubsetLabels, null);
    }

    /** These options, recording {@code membership} in the target's release record. */
    public WriteOptions inFleet(io.jenkins.plugins.grayrelease.core.state.FleetMembership membership) {
        return new WriteOptions(dryRun, addCanarySubset, canarySubsetLabels, membership);
    }

    public static WriteOptions defaults() {
        return new WriteOptions(false, false, Map.of());
    }

    public static WriteOptions dryRunOnly() {
        return new WriteOptions(true, false, Map.of());
    }

    public WriteOptions withDryRun(boolean value) {
        return new WriteOptions(value, addCanarySubset, canarySubsetLabels, fleet);
    }

    public WriteOptions withAddCanarySubset(boolean value) {
        return new WriteOptions(dryRun, value, canarySubsetLabels, fleet);
    }
}
