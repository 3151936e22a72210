package io.jenkins.plugins.grayrelease.core;

import io.jenkins.plugins.grayrelease.core.routing.HostNames;
import java.util.Objects;

/**
 * What a release acts on: one service's managed route in one VirtualService.
 *
 * <p>The VirtualService may live in another namespace than the service (a gateway's
 * VirtualService in {@code istio-system}): name it {@code namespace/name}. The DestinationRule
 * (its subsets) and the workloads always live with the service.
 *
 * <p>Unset names take their defaults: the VirtualService and DestinationRule are named after
 * the service; the managed route is the single route without {@code match} that sends traffic
 * to the stable destination. Unset stable/canary destinations are taken from the release state
 * recorded on the VirtualService (so {@code promote} needs only the service name).
 */
public final class ReleaseTarget {

    private final String namespace;
    private final String service;
    private final String virtualServiceNamespace;
    private final String virtualService;
    private final String destinationRule;
    private final String route;
    private final Destination stable;
    private final Destination canary;
    private final Layout layout;
    private final String canaryVersion;

    private ReleaseTarget(Builder b) {
        this.namespace = requireName(b.namespace, "namespace");
        this.service = requireName(b.service, "service");
        this.virtualServiceNamespace = b.virtualServiceNamespace != null ? b.virtualServiceNamespace : namespace;
        this.virtualService = b.virtualService != null ? b.virtualService : service;
        this.destinationRule = b.destinationRule != null ? b.destinationRule : service;
        this.route = b.route;
        // Short hosts name the service's namespace; a VirtualService elsewhere must spell them in full.
        this.stable = qualified(b.stable);
        this.canary = qualified(b.canary);
        this.layout = b.layout;
        this.canaryVersion = b.canaryVersion;
    }

    private Destination qualified(Destination side) {
        if (side == null) {
            return null;
        }
        String host = HostNames.forVirtualServiceIn(side.host(), namespace, virtualServiceNamespace);
        return host.equals(side.host()) ? side : new Destination(host, side.subset());
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
        return new Builder().namespace(namespace).service(service).virtualService(virtualService())
                .destinationRule(destinationRule).route(route).stable(stable).canary(canary).layout(layout).canaryVersion(canaryVersion);
    }

    public String namespace() {
        return namespace;
    }

    public String service() {
        return service;
    }

    /**
     * The VirtualService as users spell it: its name, or {@code namespace/name} when it lives in
     * another namespace than the service.
     */
    public String virtualService() {
        return crossNamespace() ? virtualServiceNamespace + "/" + virtualService : virtualService;
    }

    /** The VirtualService's name alone. */
    public String virtualServiceName() {
        return virtualService;
    }

    /** The VirtualService's namespace: the service's unless named otherwise. */
    public String virtualServiceNamespace() {
        return virtualServiceNamespace;
    }

    /** Whether the VirtualService lives in another namespace than the service. */
    public boolean crossNamespace() {
        return !virtualServiceNamespace.equals(namespace);
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

    /** The layout chosen by the caller, or null to detect it (see {@link Layout#detect}). */
    public Layout layout() {
        return layout;
    }

    /**
     * The canary's version: in the fixed-subset layout the value the engine sets on the canary
     * subset's version label; for analysis the canary's {@code destination_version}. Null: as the
     * DestinationRule says.
     */
    public String canaryVersion() {
        return canaryVersion;
    }

    public ObjectRef virtualServiceRef() {
        return ObjectRef.virtualService(virtualServiceNamespace, virtualService);
    }

    public ObjectRef destinationRuleRef() {
        return ObjectRef.destinationRule(namespace, destinationRule);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReleaseTarget t && namespace.equals(t.namespace) && service.equals(t.service)
                && virtualServiceNamespace.equals(t.virtualServiceNamespace)
                && virtualService.equals(t.virtualService) && destinationRule.equals(t.destinationRule)
                && Objects.equals(route, t.route) && Objects.equals(stable, t.stable) && Objects.equals(canary, t.canary)
                && layout == t.layout && Objects.equals(canaryVersion, t.canaryVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, service, virtualServiceNamespace, virtualService, destinationRule, route, stable, canary, layout, canaryVersion);
    }

    @Override
    public String toString() {
        return "ReleaseTarget{" + virtualServiceRef() + (route != null ? " route " + route : "")
                + ", stable=" + stable + ", canary=" + canary
                + (layout != null ? ", layout=" + layout.spelling() : "") + (canaryVersion != null ? ", canaryVersion=" + canaryVersion : "") + "}";
    }

    /** Builds a target; {@link #stableSubset}/{@link #canarySubset} use the service as host. */
    public static final class Builder {
        private String namespace;
        private String service;
        private String virtualServiceNamespace;
        private String virtualService;
        private String destinationRule;
        private String route;
        private Destination stable;
        private Destination canary;
        private Layout layout;
        private String canaryVersion;

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /**
         * The VirtualService's name, or {@code namespace/name} for one in another namespace than
         * the service (its DestinationRule stays with the service).
         *
         * @throws IllegalArgumentException for a malformed {@code namespace/name}
         */
        public Builder virtualService(String name) {
            String value = blankToNull(name);
            if (value != null && value.contains("/")) {
                String[] parts = value.split("/", -1);
                if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                    throw new IllegalArgumentException("release target: virtualService '" + value
                            + "' is neither a name nor namespace/name (e.g. istio-system/public-routes)");
                }
                this.virtualServiceNamespace = parts[0].trim();
                value = parts[1].trim();
            }
            this.virtualService = value;
            return this;
        }

        /** The VirtualService's namespace, when it is not the service's. */
        public Builder virtualServiceNamespace(String namespace) {
            this.virtualServiceNamespace = blankToNull(namespace);
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

        /** The layout; null detects it. */
        public Builder layout(Layout value) {
            this.layout = value;
            return this;
        }

        /** The canary's version label value; blank: as the DestinationRule says. */
        public Builder canaryVersion(String version) {
            this.canaryVersion = blankToNull(version);
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
