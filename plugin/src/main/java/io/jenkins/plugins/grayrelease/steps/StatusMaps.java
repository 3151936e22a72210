package io.jenkins.plugins.grayrelease.steps;

import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the steps return to the Jenkinsfile: plain maps of strings, numbers and booleans, which
 * the Pipeline can keep in its serialized state and scripts can read without approvals.
 */
final class StatusMaps {

    private StatusMaps() {
    }

    static Map<String, Object> of(ReleaseStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", s.namespace());
        m.put("service", s.service());
        m.put("virtualService", s.virtualService());
        m.put("route", s.route());
        m.put("stable", s.stable() == null ? null : s.stable().toString());
        m.put("canary", s.canary() == null ? null : s.canary().toString());
        m.put("stableWeight", s.weights() == null ? null : s.weights().stable());
        m.put("canaryWeight", s.weights() == null ? null : s.weights().canary());
        m.put("phase", s.phase() == null ? null : s.phase().name());
        m.put("mirror", s.mirrorPercent());
        m.put("testers", new ArrayList<>(s.testers().stream().map(TesterMatch::describe).toList()));
        m.put("drift", new ArrayList<>(s.drift()));
        m.put("resourceVersion", s.resourceVersion());
        return m;
    }

    static Map<String, Object> of(OperationResult r) {
        Map<String, Object> m = of(r.status());
        m.put("changed", r.changed());
        m.put("dryRun", r.dryRun());
        m.put("diff", r.change() == null ? "" : r.change().diff());
        return m;
    }

    static Map<String, Object> of(WorkloadStatus w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", w.name());
        m.put("image", w.image());
        m.put("version", w.version());
        m.put("replicas", w.replicas());
        m.put("created", w.created());
        return m;
    }
}
