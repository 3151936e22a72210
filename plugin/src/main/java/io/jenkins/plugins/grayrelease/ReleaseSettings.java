package io.jenkins.plugins.grayrelease;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import java.io.Serializable;

/**
 * What {@code withGrayRelease} hands to the steps inside it: the release target and how to reach
 * the cluster. Only names and a credentials id live here, never a secret, because the object is
 * serialized into the build's program state.
 */
public final class ReleaseSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String namespace;
    private final String service;
    private final String stable;
    private final String canary;
    private final String stableHost;
    private final String canaryHost;
    private final String virtualService;
    private final String destinationRule;
    private final String route;
    private final String credentialsId;
    private final String serverUrl;
    private final String context;

    private ReleaseSettings(Builder b) {
        namespace = b.namespace;
        service = b.service;
        stable = b.stable;
        canary = b.canary;
        stableHost = b.stableHost;
        canaryHost = b.canaryHost;
        virtualService = b.virtualService;
        destinationRule = b.destinationRule;
        route = b.route;
        credentialsId = b.credentialsId;
        serverUrl = b.serverUrl;
        context = b.context;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * These settings with every unset value taken from {@code outer}, so that a nested
     * {@code withGrayRelease} only states what differs.
     */
    public ReleaseSettings over(@CheckForNull ReleaseSettings outer) {
        if (outer == null) {
            return this;
        }
        Builder b = new Builder();
        b.namespace = pick(namespace, outer.namespace);
        b.service = pick(service, outer.service);
        b.stable = pick(stable, outer.stable);
        b.canary = pick(canary, outer.canary);
        b.stableHost = pick(stableHost, outer.stableHost);
        b.canaryHost = pick(canaryHost, outer.canaryHost);
        b.virtualService = pick(virtualService, outer.virtualService);
        b.destinationRule = pick(destinationRule, outer.destinationRule);
        b.route = pick(route, outer.route);
        b.credentialsId = pick(credentialsId, outer.credentialsId);
        b.serverUrl = pick(serverUrl, outer.serverUrl);
        b.context = pick(context, outer.context);
        return b.build();
    }

    private static String pick(String inner, String outer) {
        return inner != null ? inner : outer;
    }

    /**
     * The engine's target. {@code defaultNamespace} is the cluster configuration's namespace,
     * used when {@code withGrayRelease} names none.
     */
    public ReleaseTarget toTarget(@CheckForNull String defaultNamespace) {
        String ns = namespace != null ? namespace : defaultNamespace;
        return ReleaseTarget.builder(ns, service)
                .virtualService(virtualService)
                .destinationRule(destinationRule)
                .route(route)
                .stable(destination(stableHost, stable))
                .canary(destination(canaryHost, canary))
                .build();
    }

    /** A subset of the service's host, a subset of another host, a whole other host, or unset (from the recorded state). */
    private Destination destination(String host, String subset) {
        if (host != null) {
            return new Destination(host, subset);
        }
        return subset == null ? null : Destination.subset(service, subset);
    }

    /** A short label for logs and pages: {@code namespace/service}. */
    public String label() {
        return (namespace != null ? namespace : "(default namespace)") + "/" + service;
    }

    public String getNamespace() {
        return namespace;
    }

    public String getService() {
        return service;
    }

    public String getStable() {
        return stable;
    }

    public String getCanary() {
        return canary;
    }

    public String getStableHost() {
        return stableHost;
    }

    public String getCanaryHost() {
        return canaryHost;
    }

    public String getVirtualService() {
        return virtualService;
    }

    public String getDestinationRule() {
        return destinationRule;
    }

    public String getRoute() {
        return route;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getServerUrl() {
        return serverUrl;
    }

    public String getContext() {
        return context;
    }

    /** Blank values count as unset, as they do in the Snippet Generator's form. */
    public static final class Builder {
        private String namespace;
        private String service;
        private String stable;
        private String canary;
        private String stableHost;
        private String canaryHost;
        private String virtualService;
        private String destinationRule;
        private String route;
        private String credentialsId;
        private String serverUrl;
        private String context;

        public Builder namespace(String v) {
            namespace = clean(v);
            return this;
        }

        public Builder service(String v) {
            service = clean(v);
            return this;
        }

        public Builder stable(String v) {
            stable = clean(v);
            return this;
        }

        public Builder canary(String v) {
            canary = clean(v);
            return this;
        }

        public Builder stableHost(String v) {
            stableHost = clean(v);
            return this;
        }

        public Builder canaryHost(String v) {
            canaryHost = clean(v);
            return this;
        }

        public Builder virtualService(String v) {
            virtualService = clean(v);
            return this;
        }

        public Builder destinationRule(String v) {
            destinationRule = clean(v);
            return this;
        }

        public Builder route(String v) {
            route = clean(v);
            return this;
        }

        public Builder credentialsId(String v) {
            credentialsId = clean(v);
            return this;
        }

        public Builder serverUrl(String v) {
            serverUrl = clean(v);
            return this;
        }

        public Builder context(String v) {
            context = clean(v);
            return this;
        }

        public ReleaseSettings build() {
            return new ReleaseSettings(this);
        }

        private static String clean(String v) {
            return v == null || v.isBlank() ? null : v.trim();
        }
    }
}
