package io.jenkins.plugins.grayrelease.core.workload;

import java.util.List;

/**
 * The Deployments whose pods each side of a release selects, as a status shows them.
 *
 * @param stable  the stable side's Deployments (empty when none is found)
 * @param canary  the canary side's Deployments (empty when there is no canary or none is found)
 * @param problem why they could not be read (e.g. no permission to list pods), or null; the
 *                routing part of the status is complete either way
 */
public record ReleaseWorkloads(List<DeploymentSummary> stable, List<DeploymentSummary> canary, String problem) {

    public ReleaseWorkloads {
        stable = stable == null ? List.of() : List.copyOf(stable);
        canary = canary == null ? List.of() : List.copyOf(canary);
    }

    public ReleaseWorkloads(List<DeploymentSummary> stable, List<DeploymentSummary> canary) {
        this(stable, canary, null);
    }

    /** Workloads that could not be read, and why. */
    public static ReleaseWorkloads unreadable(String problem) {
        return new ReleaseWorkloads(List.of(), List.of(), problem);
    }
}
