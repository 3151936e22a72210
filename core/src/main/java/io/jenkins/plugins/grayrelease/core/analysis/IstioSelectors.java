package io.jenkins.plugins.grayrelease.core.analysis;

/**
 * Label selectors over Istio's standard metrics. Only the receiving side's report
 * ({@code reporter="destination"}) is counted: it exists even when the caller has no sidecar,
 * and counting both sides would mix two views of the same request.
 */
final class IstioSelectors {
    private IstioSelectors() {}

    static String canary(QueryContext c) {
        var v = c.placeholders();
        return "reporter=\"destination\",destination_service_namespace=\"" + v.get("namespace")
                + "\",destination_service_name=\"" + v.get("service")
                + "\",destination_version=\"" + v.get("canaryVersion") + "\"";
    }
}
