package io.jenkins.plugins.grayrelease.core.rollout.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.grayrelease.core.Layout;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;

/**
 * The {@code target} section: which service's routing the plan changes.
 *
 * @param virtualService the VirtualService's name, or {@code namespace/name} when it lives in
 *     another namespace than the service
 * @param canaryVersion the canary's version: the value of Istio's {@code destination_version}
 *     label for the canary's metrics, and (fixed-subset layout) the canary subset's version
 *     label; null: the canary subset's {@code version} label in the DestinationRule, then its
 *     {@code app.kubernetes.io/version}, then the subset's name
 * @param layout {@code per-version} or {@code fixed-subsets}; null: detected
 */
public record TargetSpec(String namespace, String service, String virtualService, String destinationRule,
        String route, DestinationSpec stable, DestinationSpec canary, String canaryVersion, String layout) {

    @JsonCreator
    public TargetSpec(@JsonProperty("namespace") String namespace, @JsonProperty("service") String service,
            @JsonProperty("virtualService") String virtualService, @JsonProperty("destinationRule") String destinationRule,
            @JsonProperty("route") String route, @JsonProperty("stable") DestinationSpec stable,
            @JsonProperty("canary") DestinationSpec canary, @JsonProperty("canaryVersion") String canaryVersion,
            @JsonProperty("layout") String layout) {
        Checks.required(namespace, "namespace");
        Checks.required(service, "service");
        Checks.required(stable, "stable");
        Checks.required(canary, "canary");
        if (layout != null && !layout.isBlank()) {
            try {
                Layout.parse(layout);
            } catch (IllegalArgumentException e) {
                throw new FieldProblem("layout", "'layout': " + e.getMessage());
            }
        }
        this.namespace = namespace;
        this.service = service;
        this.virtualService = virtualService;
        this.destinationRule = destinationRule;
        this.route = route;
        this.stable = stable;
        this.canary = canary;
        this.canaryVersion = canaryVersion == null || canaryVersion.isBlank() ? null : canaryVersion;
        this.layout = layout == null || layout.isBlank() ? null : layout;
    }

    /** A target without layout (detected). */
    public TargetSpec(String namespace, String service, String virtualService, String destinationRule,
            String route, DestinationSpec stable, DestinationSpec canary, String canaryVersion) {
        this(namespace, service, virtualService, destinationRule, route, stable, canary, canaryVersion, null);
    }

    public ReleaseTarget toReleaseTarget() {
        return ReleaseTarget.builder(namespace, service)
                .virtualService(virtualService)
                .destinationRule(destinationRule)
                .route(route)
                .stable(stable.toDestination(service))
                .canary(canary.toDestination(service))
                .layout(Layout.parse(layout))
                .canaryVersion(canaryVersion)
                .build();
    }
}
