package io.jenkins.plugins.grayrelease.rollout;

import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** What grayRollout returns to the Jenkinsfile: plain values only, safe to keep in the Pipeline's state. */
final class RolloutMaps {

    private RolloutMaps() {
    }

    static Map<String, Object> of(RolloutResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", r.outcome().name());
        m.put("message", r.message());
        m.put("steps", r.stoppedAtStep());
        if (r.status() != null && r.status().weights() != null) {
            m.put("namespace", r.status().namespace());
            m.put("service", r.status().service());
            m.put("stableWeight", r.status().weights().stable());
            m.put("canaryWeight", r.status().weights().canary());
            m.put("phase", r.status().phase() == null ? null : r.status().phase().name());
        }
        r.decision().ifPresent(d -> m.put("decision", d.describe() + " by " + d.decidedBy()));
        return m;
    }
}
