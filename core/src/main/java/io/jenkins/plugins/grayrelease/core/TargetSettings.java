package io.jenkins.plugins.grayrelease.core;

import io.jenkins.plugins.grayrelease.core.workload.CanaryScale;
import io.jenkins.plugins.grayrelease.core.rollout.plan.TargetSpec;
import java.io.Serializable;
import java.util.EnumMap;

/**
 * A release target as a front end collects it, field by field, before it is complete: what a
 * Jenkins {@code withGrayRelease} block names (blocks nest, the inner one stating only what
 * differs), or what a plan's {@code target} section says. Blank values count as unset.
 * {@link #toTarget} turns it into the engine's {@link ReleaseTarget}.
 *
 * <p>Immutable and {@link Serializable} (it lives in a Pipeline's saved program state), and holds
 * names only, never a secret.
 */
public final class TargetSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Every field, named as front ends spell the parameter. */
    public enum Field {
        NAMESPACE("namespace"),
        SERVICE("service"),
        VIRTUAL_SERVICE("virtualService"),
        DESTINATION_RULE("destinationRule"),
        ROUTE("route"),
        /** The stable subset (of the service's host, or of {@link #STABLE_HOST}). */
        STABLE("stable"),
        CANARY("canary"),
        /** The stable side's own host (two-host layout). */
        STABLE_HOST("stableHost"),
        CANARY_HOST("canaryHost"),
        /** The canary's version: set on the canary subset's version label (fixed-subset layout), and the metric label. */
        CANARY_VERSION("canaryVersion"),
        /** {@code per-version} or {@code fixed-subsets}; unset: detected. */
        LAYOUT("layout"),
        /**
         * The Gateway API HTTPRoute to manage instead of a VirtualService; {@link #STABLE} and
         * {@link #CANARY} then name Services ({@code reviews-stable}).
         */
        HTTP_ROUTE("httpRoute"),
        /**
         * {@code false} turns the readiness gate off, for workloads the engine cannot see (another
         * cluster, VMs behind a ServiceEntry); unset or {@code true}: on. See {@link ReleaseTarget#readinessGate}.
         */
        READINESS_GATE("readinessGate"),
        /**
         * How the canary Deployment is scaled while traffic shifts: {@code traffic} or a number of
         * replicas (see {@link CanaryScale}); unset leaves its replicas alone. Not part of the
         * routing target: the steps that move traffic read it with {@link #canaryScale()}.
         */
        CANARY_SCALE("canaryScale");

        private final String parameter;

        Field(String parameter) {
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    private static final TargetSettings EMPTY = new TargetSettings(new EnumMap<>(Field.class));

    private final EnumMap<Field, String> values;

    private TargetSettings(EnumMap<Field, String> values) {
        this.values = values;
    }

    public static TargetSettings empty() {
        return EMPTY;
    }

    /** A plan's {@code target} section. */
    public static TargetSettings of(TargetSpec spec) {
        return empty().with(Field.NAMESPACE, spec.namespace()).with(Field.SERVICE, spec.service())
                .with(Field.VIRTUAL_SERVICE, spec.virtualService()).with(Field.DESTINATION_RULE, spec.destinationRule())
                .with(Field.ROUTE, spec.route())
                .with(Field.STABLE, spec.stable().subset()).with(Field.STABLE_HOST, spec.stable().host())
                .with(Field.CANARY, spec.canary().subset()).with(Field.CANARY_HOST, spec.canary().host())
                .with(Field.CANARY_VERSION, spec.canaryVersion()).with(Field.LAYOUT, spec.layout())
                .with(Field.HTTP_ROUTE, spec.httpRoute())
                .with(Field.READINESS_GATE, spec.readinessGate() == null ? null : spec.readinessGate().toString());
    }

    /** These settings with {@code field} set to {@code value} (blank: unset). */
    public TargetSettings with(Field field, String value) {
        EnumMap<Field, String> copy = new EnumMap<>(values);
        if (value == null || value.isBlank()) {
            copy.remove(field);
        } else {
            copy.put(field, value.trim());
        }
        return new TargetSettings(copy);
    }

    /** The value, or null when unset. */
    public String get(Field field) {
        return values.get(field);
    }

    /** These settings with every unset field taken from {@code outer} (an enclosing block's). */
    public TargetSettings over(TargetSettings outer) {
        if (outer == null) {
            return this;
        }
        EnumMap<Field, String> merged = new EnumMap<>(outer.values);
        merged.putAll(values);
        return new TargetSettings(merged);
    }

    /**
     * The same release with both sides left to the state recorded on the VirtualService: what a
     * status page shows after the block's stable and canary have moved on (after a promotion the
     * recorded stable is the old canary).
     */
    public TargetSettings sidesFromRecord() {
        EnumMap<Field, String> copy = new EnumMap<>(values);
        copy.remove(Field.STABLE);
        copy.remove(Field.CANARY);
        copy.remove(Field.STABLE_HOST);
        copy.remove(Field.CANARY_HOST);
        copy.remove(Field.CANARY_VERSION);
        return new TargetSettings(copy);
    }

    /**
     * The engine's target. {@code defaultNamespace} (a kubeconfig context's namespace) is used
     * when no namespace is set.
     *
     * @throws IllegalArgumentException naming the missing field when service or namespace is missing,
     *     or the field that is malformed (virtualService, layout, readinessGate), or httpRoute given with virtualService
     */
    public ReleaseTarget toTarget(String defaultNamespace) {
        String ns = values.getOrDefault(Field.NAMESPACE, defaultNamespace);
        String service = get(Field.SERVICE);
        if (get(Field.HTTP_ROUTE) != null) {
            // An HTTPRoute sends to Services: stable/canary name them (stableHost/canaryHost are accepted too).
            return ReleaseTarget.builder(ns, service)
                    .httpRoute(get(Field.HTTP_ROUTE))
                    .virtualService(get(Field.VIRTUAL_SERVICE))
                    .destinationRule(get(Field.DESTINATION_RULE))
                    .route(get(Field.ROUTE))
                    .stable(serviceSide(Field.STABLE_HOST, Field.STABLE))
                    .canary(serviceSide(Field.CANARY_HOST, Field.CANARY))
                    .layout(Layout.parse(get(Field.LAYOUT)))
                    .canaryVersion(get(Field.CANARY_VERSION))
                    .readinessGate(readinessGate())
                    .build();
        }
        return ReleaseTarget.builder(ns, service)
                .virtualService(get(Field.VIRTUAL_SERVICE))
                .destinationRule(get(Field.DESTINATION_RULE))
                .route(get(Field.ROUTE))
                .stable(side(service, get(Field.STABLE_HOST), get(Field.STABLE)))
                .canary(side(service, get(Field.CANARY_HOST), get(Field.CANARY)))
                .layout(Layout.parse(get(Field.LAYOUT)))
                .canaryVersion(get(Field.CANARY_VERSION))
                .readinessGate(readinessGate())
                .build();
    }

    /** {@link Field#READINESS_GATE}: on unless {@code false}; anything but true/false is refused naming the field. */
    private boolean readinessGate() {
        String value = get(Field.READINESS_GATE);
        if (value == null || value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("release target: readinessGate '" + value + "' is neither true nor false"
                + " (false turns the readiness check of the canary's workloads off)");
    }

    /** An HTTPRoute's side: a Service named as host or as the side itself; both at once is a subset, which it has not. */
    private Destination serviceSide(Field host, Field name) {
        String h = get(host);
        String n = get(name);
        if (h != null && n != null && !h.equals(n)) {
            throw new IllegalArgumentException("release target: " + name.parameter() + " '" + n + "' and " + host.parameter() + " '" + h
                    + "' both name the " + name.parameter() + " Service of the HTTPRoute; give one (e.g. " + name.parameter() + ": reviews-" + name.parameter() + ")");
        }
        String service = h != null ? h : n;
        return service == null ? null : Destination.host(service);
    }

    /** A subset of the service's host, a subset of another host, a whole other host, or unset. */
    private static Destination side(String service, String host, String subset) {
        if (host != null) {
            return new Destination(host, subset);
        }
        return subset == null || service == null ? null : Destination.subset(service, subset);
    }

    /**
     * The canary scale, or null when unset.
     *
     * @throws IllegalArgumentException naming the field and what is allowed
     */
    public CanaryScale canaryScale() {
        String value = get(Field.CANARY_SCALE);
        try {
            return value == null ? null : CanaryScale.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("release target: canaryScale: " + e.getMessage(), e);
        }
    }

    /** A short label for logs and pages: {@code namespace/service}. */
    public String label() {
        return values.getOrDefault(Field.NAMESPACE, "(default namespace)") + "/" + values.getOrDefault(Field.SERVICE, "(no service)");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TargetSettings t && values.equals(t.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "TargetSettings" + values;
    }
}
