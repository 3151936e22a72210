package io.jenkins.plugins.grayrelease.core;

import java.util.Objects;

/**
 * What a release acts on: one service's managed HTTP route in one VirtualService.
 *
 * <p>Unset names take their defaults: the VirtualService and DestinationRule are named after
 * the service; the managed route is the single route without {@code match} that sends traffic
 * to the stable destination. Unset stable/canary destinations are taken from the release state
 * recorded on the VirtualService (so {@code promote} needs only the service name).
 */
public final class ReleaseTarget {

    private final String namespace;
    private final String service;
    private final String virtualService;
    private final String destinationRule;
    private final String route;
    private final Destination stable;
    private final Destination canary;

    private ReleaseTarget(Builder b) {
        this.namespace = requireName(b.namespace, "namespace");
        this.service = requireName(b.service, "service");
        this.virtualService = b.virtualService != null ? b.virtualService : service;
        this.destinationRule = b.destinationRule != null ? b.destinationRule : service;
        this.route = b.route;
        this.stable = b.stable;
        this.canary = b.canary;
    }

    private static String requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("release target: " + what + " is required");
        }
        return value;
    }

    public static Builder builder(String namespace, String service) {
        return new Builder().namespace(namespace).service(service);
    }

    public Builder toBuilder() {
        return new Builder().namespace(namespace).service(service).virtualService(virtualService)
                .destinationRule(destinationRule).route(route).stable(stable).canary(canary);
    }

    public String namespace() {
        return namespace;
    }

    public String service() {
        return service;
    }

    public String virtualService() {
        return virtualService;
    }

    public String destinationRule() {
        return destinationRule;
    }

    /** The managed route's {@code http[].name}, or null to find it by the default rule. */
    public String route() {
        return route;
    }

    /** The stable side, or null to take it from the recorded release state. */
    public Destination stable() {
        return stable;
    }

    /** The canary side, or null to take it from the recorded release state. */
    public Destination canary() {
        return canary;
    }

    public ObjectRef virtualServiceRef() {
        return ObjectRef.virtualService(namespace, virtualService);
    }

    public ObjectRef destinationRuleRef() {
        return ObjectRef.destinationRule(namespace, destinationRule);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReleaseTarget t && namespace.equals(t.namespace) && service.equals(t.service)
                && virtualService.equals(t.virtualService) && destinationRule.equals(t.destinationRule)
                && Objects.equals(route, t.route) && Objects.equals(stable, t.stable) && Objects.equals(canary, t.canary);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, service, virtualService, destinationRule, route, stable, canary);
    }

    @Override
    public String toString() {
        return "ReleaseTarget{" + virtualServiceRef() + (route != null ? " route " + route : "")
                + ", stable=" + stable + ", canary=" + canary + "}";
    }

    /** Builds a target; {@link #stableSubset}/{@link #canarySubset} use the service as host. */
    public static final class Builder {
        private String namespace;
        private String service;
        private String virtualService;
        private String destinationRule;
        private String route;
        private Destination stable;
        private Destination canary;

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        public Builder virtualService(String name) {
            this.virtualService = blankToNull(name);
            return this;
        }

        public Builder destinationRule(String name) {
            this.destinationRule = blankToNull(name);
            return this;
        }

        public Builder route(String name) {
            this.route = blankToNull(name);
            return this;
        }

        public Builder stable(Destination destination) {
            this.stable = destination;
            return this;
        }

        public Builder canary(Destination destination) {
            this.canary = destination;
            return this;
        }

        /** Stable side as a subset of the service's own host. */
        public Builder stableSubset(String subset) {
            this.stable = blankToNull(subset) == null ? null : Destination.subset(service, subset);
            return this;
        }

        /** Canary side as a subset of the service's own host. */
        public Builder canarySubset(String subset) {
            this.canary = blankToNull(subset) == null ? null : Destination.subset(service, subset);
            return this;
        }

        public ReleaseTarget build() {
            return new ReleaseTarget(this);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }
}
