package io.jenkins.plugins.grayrelease.core.workload;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pod labels of a canary derived from the stable ones: the stable side's selecting labels are
 * replaced by the canary side's, so the canary's pods never fall into the stable subset (and the
 * other way round) while every other label (app, team, ...) is kept.
 */
final class WorkloadLabels {

    private WorkloadLabels() {
    }

    static Map<String, String> derive(Map<String, String> from, Map<String, String> stableSide, Map<String, String> canarySide) {
        Map<String, String> labels = new LinkedHashMap<>(from == null ? Map.of() : from);
        stableSide.keySet().forEach(labels::remove);
        labels.putAll(canarySide);
        return labels;
    }
}
