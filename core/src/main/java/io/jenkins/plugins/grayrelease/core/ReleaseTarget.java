package io.jenkins.plugins.grayrelease.core;

import io.jenkins.plugins.grayrelease.core.routing.HostNames;
import java.util.Objects;

/**
 * What a release acts on: one service's managed route in one routing object, a VirtualService
 * (the default) or a Gateway API HTTPRoute ({@link Builder#httpRoute}); {@link #routeKind} says which.
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
    private final RouteKind routeKind;
    private final boolean readinessGate;

    private ReleaseTarget(Builder b) {
        this.namespace = requireName(b.namespace, "namespace");
        this.service = requireName(b.service, "service");
        if (b.httpRoute != null && (b.virtualService != null || b.destinationRule != null)) {
            throw new IllegalArgumentException("release target: httpRoute '" + b.httpRoute + "' and "
                    + (b.virtualService != null ? "virtualService '" + b.virtualService + "'" : "destinationRule '" + b.destinationRule + "'")
                    + " name two routing objects; give either an HTTPRoute (Gateway API) or a VirtualService and DestinationRule (Istio)");
        }
        this.routeKind = b.httpRoute != null ? RouteKind.HTTP_ROUTE : RouteKind.VIRTUAL_SERVICE;
        if (routeKind == RouteKind.HTTP_ROUTE) {
            noSubset(b.stable, "stable");
            noSubset(b.canary, "canary");
        }
        this.virtualServiceNamespace = b.virtualServiceNamespace != null ? b.virtualServiceNamespace : namespace;
        this.virtualService = b.httpRoute != null ? b.httpRoute : b.virtualService != null ? b.virtualService : service;
        this.destinationRule = b.destinationRule != null ? b.destinationRule : service;
        this.route = b.route;
        // Short hosts name the service's namespace; a VirtualService elsewhere must spell them in full.
        this.stable = qualified(b.stable);
        this.canary = qualified(b.canary);
        this.layout = b.layout;
        this.canaryVersion = b.canaryVersion;
        this.readinessGate = b.readinessGate;
    }

    private Destination qualified(Destination side) {
        if (side == null || routeKind == RouteKind.HTTP_ROUTE) {
            // HTTPRoute backends are Service names, resolved in the route's own namespace.
            return side;
        }
        String host = HostNames.forVirtualServiceIn(side.host(), namespace, virtualServiceNamespace);
        return host.equals(side.host()) ? side : new Destination(host, side.subset());
    }

    private static void noSubset(Destination side, String which) {
        if (side != null && side.hasSubset()) {
            throw new IllegalArgumentException("release target: the " + which + " side " + side
                    + " is a subset, but an HTTPRoute sends to Services; name the " + which
                    + " Service (e.g. reviews-" + which + ") as " + which + " or " + which + "Host");
        }
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
        Builder b = new Builder().namespace(namespace).service(service);
        if (routeKind == RouteKind.HTTP_ROUTE) {
            b.httpRoute(routingObject());
        } else {
            b.virtualService(virtualService()).destinationRule(destinationRule);
        }
        return b.route(route).stable(stable).canary(canary).layout(layout).canaryVersion(canaryVersion).readinessGate(readinessGate);
    }

    public String namespace() {
        return namespace;
    }

    public String service() {
        return service;
    }

    /** Which kind of routing object the release edits. */
    public RouteKind routeKind() {
        return routeKind;
    }

    /**
     * The routing object (VirtualService or HTTPRoute) as users spell it: its name, or
     * {@code namespace/name} when it lives in another namespace than the service.
     */
    public String routingObject() {
        return crossNamespace() ? virtualServiceNamespace + "/" + virtualService : virtualService;
    }

    /** The routing object's name alone. */
    public String routingName() {
        return virtualService;
    }

    /** The routing object's namespace: the service's unless named otherwise. */
    public String routingNamespace() {
        return virtualServiceNamespace;
    }

    /** The routing object as messages name it ({@code ns/VirtualService/reviews}, {@code ns/HTTPRoute/reviews}). */
    public ObjectRef routingRef() {
        return routeKind.ref(virtualServiceNamespace, virtualService);
    }

    /** The HTTPRoute as users spell it, or null when the release edits a VirtualService. */
    public String httpRoute() {
        return routeKind == RouteKind.HTTP_ROUTE ? routingObject() : null;
    }

    /**
     * The VirtualService as users spell it: its name, or {@code namespace/name} when it lives in
     * another namespace than the service. Null when the release edits an HTTPRoute.
     */
    public String virtualService() {
        return routeKind == RouteKind.VIRTUAL_SERVICE ? routingObject() : null;
    }

    /** The VirtualService's name alone (the routing object's name; see {@link #routingName}). */
    public String virtualServiceName() {
        return virtualService;
    }

    /** The VirtualService's namespace: the service's unless named otherwise (see {@link #routingNamespace}). */
    public String virtualServiceNamespace() {
        return virtualServiceNamespace;
    }

    /** Whether the routing object lives in another namespace than the service. */
    public boolean crossNamespace() {
        return !virtualServiceNamespace.equals(namespace);
    }

    /** The DestinationRule's name; null when the release edits an HTTPRoute (no subsets). */
    public String destinationRule() {
        return routeKind == RouteKind.VIRTUAL_SERVICE ? destinationRule : null;
    }

    /** The managed route's {@code http[].name} (HTTPRoute: {@code rules[].name}), or null to find it by the default rule. */
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

    /**
     * Whether writes that send requests to the canary first check that its Deployments are rolled
     * out and have ready pods for the share (true unless opted out): see the engine's readiness gate.
     * False for workloads the engine cannot see (another cluster, VMs behind a ServiceEntry); then
     * nothing stops traffic going to pods that are not there.
     */
    public boolean readinessGate() {
        return readinessGate;
    }

    /** The routing object's reference (kept for callers written for VirtualServices; see {@link #routingRef}). */
    public ObjectRef virtualServiceRef() {
        return routingRef();
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
                && layout == t.layout && Objects.equals(canaryVersion, t.canaryVersion) && routeKind == t.routeKind && readinessGate == t.readinessGate;
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, service, virtualServiceNamespace, virtualService, destinationRule, route, stable, canary, layout, canaryVersion, routeKind, readinessGate);
    }

    @Override
    public String toString() {
        return "ReleaseTarget{" + routingRef() + (route != null ? " route " + route : "")
                + ", stable=" + stable + ", canary=" + canary
                + (layout != null ? ", layout=" + layout.spelling() : "") + (canaryVersion != null ? ", canaryVersion=" + canaryVersion : "")
                + (readinessGate ? "" : ", readinessGate=false") + "}";
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
        private String httpRoute;
        private boolean readinessGate = true;

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

        /**
         * Manages a Gateway API HTTPRoute (its name, or {@code namespace/name}) instead of a
         * VirtualService; the sides are then Services (two-Services layout). Exclusive with
         * {@link #virtualService} and {@link #destinationRule}: {@link #build} refuses both.
         *
         * @throws IllegalArgumentException for a malformed {@code namespace/name}
         */
        public Builder httpRoute(String name) {
            String value = blankToNull(name);
            if (value != null && value.contains("/")) {
                String[] parts = value.split("/", -1);
                if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                    throw new IllegalArgumentException("release target: httpRoute '" + value
                            + "' is neither a name nor namespace/name (e.g. gateways/public-routes)");
                }
                this.virtualServiceNamespace = parts[0].trim();
                value = parts[1].trim();
            }
            this.httpRoute = value;
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

        /** False: no readiness check of the canary's workloads (see {@link ReleaseTarget#readinessGate}). */
        public Builder readinessGate(boolean check) {
            this.readinessGate = check;
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
