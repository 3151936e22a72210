package io.jenkins.plugins.grayrelease.core.rollout.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of a plan's {@code targets}: a cluster and the fields of a {@code target} section; a field left out is
 * the plan's {@code target} field (so {@code - cluster: eu-1} alone releases the plan's target in {@code eu-1}).
 *
 * @param cluster the kubeconfig context (grayctl) or credential id (Jenkins) of the target's cluster; null: the default one
 */
public record FleetTargetSpec(String cluster, String namespace, String service, String virtualService, String destinationRule,
        String route, DestinationSpec stable, DestinationSpec canary, String canaryVersion, String layout,
        String httpRoute, Boolean readinessGate) {

    @JsonCreator
    public FleetTargetSpec(@JsonProperty("cluster") String cluster, @JsonProperty("namespace") String namespace,
            @JsonProperty("service") String service, @JsonProperty("virtualService") String virtualService,
            @JsonProperty("destinationRule") String destinationRule, @JsonProperty("route") String route,
            @JsonProperty("stable") DestinationSpec stable, @JsonProperty("canary") DestinationSpec canary,
            @JsonProperty("canaryVersion") String canaryVersion, @JsonProperty("layout") String layout,
            @JsonProperty("httpRoute") String httpRoute, @JsonProperty("readinessGate") Boolean readinessGate) {
        this.cluster = cluster == null || cluster.isBlank() ? null : cluster;
        this.namespace = namespace;
        this.service = service;
        this.virtualService = virtualService;
        this.destinationRule = destinationRule;
        this.route = route;
        this.stable = stable;
        this.canary = canary;
        this.canaryVersion = canaryVersion;
        this.layout = layout;
        this.httpRoute = httpRoute;
        this.readinessGate = readinessGate;
    }

    /**
     * The complete target: this entry's fields over {@code defaults}' (null: none). A routing object named here
     * replaces the default's, so an entry with {@code httpRoute} does not inherit a {@code virtualService}.
     *
     * @throws FieldProblem naming the field relative to the entry
     */
    TargetSpec over(TargetSpec defaults) {
        // The default's routing object belongs to the default's service: an entry naming its own, or another service, does not inherit it.
        boolean ownRouting = virtualService != null || destinationRule != null || httpRoute != null;
        boolean inherit = defaults != null && !ownRouting && (service == null || service.equals(defaults.service()));
        return new TargetSpec(
                pick(namespace, defaults == null ? null : defaults.namespace()),
                pick(service, defaults == null ? null : defaults.service()),
                inherit ? defaults.virtualService() : virtualService,
                inherit ? defaults.destinationRule() : destinationRule,
                route != null ? route : inherit ? defaults.route() : null,
                stable != null ? stable : defaults == null ? null : defaults.stable(),
                canary != null ? canary : defaults == null ? null : defaults.canary(),
                canaryVersion != null ? canaryVersion : defaults == null ? null : defaults.canaryVersion(),
                layout != null ? layout : defaults == null ? null : defaults.layout(),
                inherit ? defaults.httpRoute() : httpRoute,
                readinessGate != null ? readinessGate : defaults == null ? null : defaults.readinessGate());
    }

    private static String pick(String own, String fallback) {
        return own != null && !own.isBlank() ? own : fallback;
    }
}
