package io.jenkins.plugins.grayrelease.core.workload;

import java.util.List;

/**
 * The Deployments whose pods each side of a release selects, as a status shows them.
 *
 * @param stable the stable side's Deployments (empty when none is found)
 * @param canary the canary side's Deployments (empty when there is no canary or none is found)
 */
public record ReleaseWorkloads(List<DeploymentSummary> stable, List<DeploymentSummary> canary) {

    public ReleaseWorkloads {
        stable = stable == null ? List.of() : List.copyOf(stable);
        canary = canary == null ? List.of() : List.copyOf(canary);
    }
}
