package io.jenkins.plugins.grayrelease.core.status;

import io.jenkins.plugins.grayrelease.core.fleet.FleetOutcome;
import io.jenkins.plugins.grayrelease.core.fleet.FleetStatus;
import io.jenkins.plugins.grayrelease.core.fleet.FleetTarget;
import io.jenkins.plugins.grayrelease.core.rollout.ClusterDecision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fleet release in the status document's vocabulary: the same rows as the fleet table (grayctl, the build page),
 * so the table and {@code -o json|yaml} can never tell different stories. Every key always present (null when unknown);
 * a member that could not be read is a row with {@code reachable: false} and the reason, never left out.
 */
final class FleetDocument {

    private FleetDocument() {
    }

    /** {@code {fleet, phase, targets: [{id, cluster, namespace, service, route, canaryWeight, phase, readyPods, lastChange, pendingApproval, reachable, unreachable}]}}. */
    static Map<String, Object> of(FleetStatus status) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("fleet", status.fleetId());
        doc.put("phase", status.overall().name());
        doc.put("targets", new ArrayList<>(status.rows().stream().map(FleetDocument::row).toList()));
        return doc;
    }

    private static Map<String, Object> row(FleetStatus.Row r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", r.target().id());
        row.put("cluster", r.target().cluster());
        row.put("namespace", r.target().target().namespace());
        row.put("service", r.target().target().service());
        row.put("route", r.target().target().route());
        row.put("canaryWeight", r.weight());
        row.put("phase", r.phase() == null ? null : r.phase().name());
        row.put("readyPods", r.readyPods());
        row.put("lastChange", StatusDocument.lastChange(r.lastChange()));
        row.put("pendingApproval", ClusterDecision.pending(r.status()).map(p -> p.question().message()).orElse(null));
        row.put("reachable", r.unreachable() == null);
        row.put("unreachable", r.unreachable());
        return row;
    }

    /**
     * {@code {result, action, changed, failed: {target, problem, unreachable}|null, undone: [{target, canaryWeightBefore}],
     * unfinished: [{target, needs, reason, command}], summary}}.
     */
    static Map<String, Object> of(FleetOutcome outcome) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("result", outcome.result().name());
        doc.put("action", outcome.action());
        doc.put("changed", new ArrayList<>(outcome.changed().stream().map(FleetTarget::id).toList()));
        Map<String, Object> failed = null;
        if (outcome.failure() != null) {
            failed = new LinkedHashMap<>();
            failed.put("target", outcome.failure().target().id());
            failed.put("problem", outcome.failure().problem());
            failed.put("unreachable", outcome.failure().unreachable());
        }
        doc.put("failed", failed);
        doc.put("undone", new ArrayList<>(outcome.undone().stream().map(u -> {
            Map<String, Object> undone = new LinkedHashMap<>();
            undone.put("target", u.target().id());
            undone.put("canaryWeightBefore", u.before());
            return undone;
        }).toList()));
        doc.put("unfinished", new ArrayList<>(outcome.unfinished().stream().map(u -> {
            Map<String, Object> unfinished = new LinkedHashMap<>();
            unfinished.put("target", u.target().id());
            unfinished.put("needs", u.action());
            unfinished.put("reason", u.reason());
            unfinished.put("command", u.command());
            return unfinished;
        }).toList()));
        doc.put("summary", outcome.summary());
        return doc;
    }
}
