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
 * @param httpRoute the Gateway API HTTPRoute to manage instead of a VirtualService (its name, or
 *     {@code namespace/name}); stable and canary then name Services ({@code stable: reviews-stable})
 * @param readinessGate {@code false} turns the readiness gate off (workloads the engine cannot see, e.g.
 *     in another cluster); null or true: each step that sends the canary more traffic checks its Deployments
 *     first, and the run re-checks them while it waits
 */
public record TargetSpec(String namespace, String service, String virtualService, String destinationRule,
        String route, DestinationSpec stable, DestinationSpec canary, String canaryVersion, String layout,
        String httpRoute, Boolean readinessGate) {

    @JsonCreator
    public TargetSpec(@JsonProperty("namespace") String namespace, @JsonProperty("service") String service,
            @JsonProperty("virtualService") String virtualService, @JsonProperty("destinationRule") String destinationRule,
            @JsonProperty("route") String route, @JsonProperty("stable") DestinationSpec stable,
            @JsonProperty("canary") DestinationSpec canary, @JsonProperty("canaryVersion") String canaryVersion,
            @JsonProperty("layout") String layout, @JsonProperty("httpRoute") String httpRoute,
            @JsonProperty("readinessGate") Boolean readinessGate) {
        Checks.required(namespace, "namespace");
        Checks.required(service, "service");
        Checks.required(stable, "stable");
        Checks.required(canary, "canary");
        boolean http = httpRoute != null && !httpRoute.isBlank();
        if (http && ((virtualService != null && !virtualService.isBlank()) || (destinationRule != null && !destinationRule.isBlank()))) {
            throw new FieldProblem("httpRoute", "'httpRoute' and '" + (virtualService != null && !virtualService.isBlank()
                    ? "virtualService" : "destinationRule") + "' name two routing objects; give either httpRoute (Gateway API)"
                    + " or virtualService/destinationRule (Istio)");
        }
        if (http && (both(stable) || both(canary))) {
            throw new FieldProblem(both(stable) ? "stable" : "canary", "an HTTPRoute sends to Services, which have no subsets;"
                    + " name the Service alone (stable: reviews-stable, canary: reviews-canary)");
        }
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
        this.httpRoute = http ? httpRoute : null;
        this.readinessGate = readinessGate;
    }

    /** A target without a readiness-gate setting (on). */
    public TargetSpec(String namespace, String service, String virtualService, String destinationRule,
            String route, DestinationSpec stable, DestinationSpec canary, String canaryVersion, String layout, String httpRoute) {
        this(namespace, service, virtualService, destinationRule, route, stable, canary, canaryVersion, layout, httpRoute, null);
    }

    private static boolean both(DestinationSpec side) {
        return side.host() != null && !side.host().isBlank() && side.subset() != null && !side.subset().isBlank();
    }

    /** A target of a VirtualService. */
    public TargetSpec(String namespace, String service, String virtualService, String destinationRule,
            String route, DestinationSpec stable, DestinationSpec canary, String canaryVersion, String layout) {
        this(namespace, service, virtualService, destinationRule, route, stable, canary, canaryVersion, layout, null);
    }

    /** A target without layout (detected). */
    public TargetSpec(String namespace, String service, String virtualService, String destinationRule,
            String route, DestinationSpec stable, DestinationSpec canary, String canaryVersion) {
        this(namespace, service, virtualService, destinationRule, route, stable, canary, canaryVersion, null);
    }

    public ReleaseTarget toReleaseTarget() {
        if (httpRoute != null) {
            return ReleaseTarget.builder(namespace, service).httpRoute(httpRoute).route(route)
                    .stable(service(stable)).canary(service(canary)).canaryVersion(canaryVersion)
                    .readinessGate(!Boolean.FALSE.equals(readinessGate)).build();
        }
        return ReleaseTarget.builder(namespace, service)
                .virtualService(virtualService)
                .destinationRule(destinationRule)
                .route(route)
                .stable(stable.toDestination(service))
                .canary(canary.toDestination(service))
                .layout(Layout.parse(layout))
                .canaryVersion(canaryVersion)
                .readinessGate(!Boolean.FALSE.equals(readinessGate)).build();
    }

    /** An HTTPRoute's side: the Service named by {@code host}, or by the plain string ({@code stable: reviews-stable}). */
    private static io.jenkins.plugins.grayrelease.core.Destination service(DestinationSpec side) {
        return io.jenkins.plugins.grayrelease.core.Destination.host(side.host() != null && !side.host().isBlank() ? side.host() : side.subset());
    }
}
