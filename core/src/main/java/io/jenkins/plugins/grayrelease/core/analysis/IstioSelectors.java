package io.jenkins.plugins.grayrelease.core.analysis;

/**
 * Label selectors over Istio's standard metrics. Only the receiving side's report
 * ({@code reporter="destination"}) is counted: it exists even when the caller has no sidecar,
 * and counting both sides would mix two views of the same request.
 */
public final class IstioSelectors {
    private IstioSelectors() {}

    /**
     * The canary's requests: of its version within the service (subsets of one host), or, when no
     * version is known, all of the service, which is then the canary's own Service (two Services,
     * the layout of Gateway API HTTPRoutes: {@code reviews-canary}).
     */
    static String canary(QueryContext c) {
        var v = c.placeholders();
        String selector = "reporter=\"destination\",destination_service_namespace=\"" + v.get("namespace")
                + "\",destination_service_name=\"" + v.get("service") + "\"";
        return c.canaryVersion().isEmpty() ? selector : selector + ",destination_version=\"" + v.get("canaryVersion") + "\"";
    }

    /**
     * The requests of one side described as a context (service and version): the canary's, or the
     * stable's for the judge, which compares the two.
     */
    public static String side(QueryContext c) {
        return canary(c);
    }

    /** A label value escaped for PromQL's double quotes. */
    public static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
