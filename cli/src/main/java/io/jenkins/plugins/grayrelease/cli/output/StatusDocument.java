package io.jenkins.plugins.grayrelease.cli.output;

import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.state.LastChange;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadStatus;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON/YAML shape of a release status. Scripts depend on it: keys are always present (null
 * when unknown) and keep this order; {@code weights} is {@code {"stable": 90, "canary": 10}}.
 */
public final class StatusDocument {

    private StatusDocument() {
    }

    public static Map<String, Object> of(ReleaseStatus s) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("namespace", s.namespace());
        doc.put("service", s.service());
        doc.put("virtualService", s.virtualService());
        doc.put("route", s.route());
        doc.put("stable", destination(s.stable()));
        doc.put("canary", destination(s.canary()));
        Map<String, Object> weights = new LinkedHashMap<>();
        weights.put("stable", s.weights() == null ? null : s.weights().stable());
        weights.put("canary", s.weights() == null ? null : s.weights().canary());
        doc.put("weights", weights);
        doc.put("phase", s.phase() == null ? null : s.phase().name());
        doc.put("lastChange", lastChange(s.lastChange()));
        doc.put("testers", s.testers().stream().map(StatusDocument::tester).toList());
        doc.put("mirrorPercent", s.mirrorPercent());
        doc.put("drift", s.drift());
        doc.put("stateProblem", s.stateProblem());
        doc.put("resourceVersion", s.resourceVersion());
        return doc;
    }

    public static Map<String, Object> deployment(WorkloadStatus w) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", w.name());
        doc.put("image", w.image());
        doc.put("version", w.version());
        doc.put("replicas", w.replicas());
        doc.put("podLabels", w.podLabels());
        doc.put("created", w.created());
        return doc;
    }

    private static Map<String, Object> destination(Destination d) {
        if (d == null) {
            return null;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("host", d.host());
        doc.put("subset", d.subset());
        return doc;
    }

    private static Map<String, Object> lastChange(LastChange c) {
        if (c == null) {
            return null;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("action", c.action());
        doc.put("by", c.by());
        doc.put("at", c.at() == null ? null : c.at().toString());
        doc.put("origin", c.origin());
        return doc;
    }

    private static Map<String, Object> tester(TesterMatch m) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", m.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        doc.put("name", m.name());
        doc.put("value", m.value());
        return doc;
    }
}
