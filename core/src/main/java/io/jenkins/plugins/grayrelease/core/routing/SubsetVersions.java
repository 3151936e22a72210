package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import java.util.Map;

/**
 * The version a subset selects, read from its labels: {@code version} (Istio's convention and
 * the value of the {@code destination_version} metric label), else {@code app.kubernetes.io/version}.
 */
public final class SubsetVersions {

    public static final String VERSION = "version";
    public static final String K8S_VERSION = "app.kubernetes.io/version";

    private SubsetVersions() {
    }

    /** The version label's value, or null when the labels carry neither label. */
    public static String of(Map<String, String> labels) {
        if (labels == null) {
            return null;
        }
        String version = labels.get(VERSION);
        return version != null ? version : labels.get(K8S_VERSION);
    }

    /** The version a side's subset selects; null for a side without subset or a subset without version label. */
    public static String of(JsonNode destinationRule, Destination side) {
        if (side == null || !side.hasSubset()) {
            return null;
        }
        return of(SubsetCheck.labels(destinationRule, side.subset()));
    }

    /** The label key that carries a subset's version: the one it has, {@code version} when it has none. */
    public static String key(Map<String, String> labels) {
        return labels != null && !labels.containsKey(VERSION) && labels.containsKey(K8S_VERSION) ? K8S_VERSION : VERSION;
    }
}
