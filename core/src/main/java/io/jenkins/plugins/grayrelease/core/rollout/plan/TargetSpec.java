package io.jenkins.plugins.grayrelease.core.rollout.plan;

import io.jenkins.plugins.grayrelease.core.ReleaseTarget;

/**
 * The {@code target} section: which service's routing the plan changes.
 *
 * @param canaryVersion the value of Istio's {@code destination_version} label for the canary's
 *     metrics; defaults to the canary subset
 */
public record TargetSpec(String namespace, String service, String virtualService, String destinationRule,
        String route, DestinationSpec stable, DestinationSpec canary, String canaryVersion) {
    public TargetSpec {
        Checks.required(namespace, "namespace");
        Checks.required(service, "service");
        Checks.required(stable, "stable");
        Checks.required(canary, "canary");
        if (canaryVersion == null || canaryVersion.isBlank()) {
            canaryVersion = canary.subset();
        }
    }

    public ReleaseTarget toReleaseTarget() {
        return ReleaseTarget.builder(namespace, service)
                .virtualService(virtualService)
                .destinationRule(destinationRule)
                .route(route)
                .stable(stable.toDestination(service))
                .canary(canary.toDestination(service))
                .build();
    }
}
