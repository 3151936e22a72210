package io.jenkins.plugins.grayrelease.core.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.PlannedChange;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import io.jenkins.plugins.grayrelease.core.fleet.FleetOutcome;
import io.jenkins.plugins.grayrelease.core.fleet.FleetStatus;
import io.jenkins.plugins.grayrelease.core.rollout.ClusterDecision;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import io.jenkins.plugins.grayrelease.core.state.LastChange;
import io.jenkins.plugins.grayrelease.core.state.RecordedRelease;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import io.jenkins.plugins.grayrelease.core.workload.DeploymentSummary;
import io.jenkins.plugins.grayrelease.core.workload.ReleaseWorkloads;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one machine-readable shape of a release: what {@code grayctl -o json|yaml} prints and what
 * the Jenkins steps return. Scripts depend on it, so every key is always present (null when
 * unknown) and keeps its order; docs/status.md lists them.
 *
 * <p>Documents hold only {@link String}, {@link Integer}, {@link Long}, {@link Double},
 * {@link Boolean}, {@link ArrayList} and {@link LinkedHashMap} values: Jackson writes them as they
 * are, and a Pipeline can keep them in its serialized state and read them without approvals.
 */
public final class StatusDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusDocument() {
    }

    /**
     * A release's status: where traffic goes, what was recorded, and how the two differ; {@code fleet} is null
     * (use {@link #of(ReleaseStatus, FleetStatus)} for a member of a fleet release whose members were read).
     */
    public static Map<String, Object> of(ReleaseStatus s) {
        return of(s, null);
    }

    /**
     * A release's status with the fleet release it belongs to: {@code fleet} is {@link #of(FleetStatus)} (every
     * member's row, unreadable ones marked {@code reachable: false}), or null when {@code fleet} is null.
     */
    public static Map<String, Object> of(ReleaseStatus s, FleetStatus fleet) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("namespace", s.namespace());
        doc.put("service", s.service());
        doc.put("routeKind", s.routeKind().kind());
        doc.put("routingObject", s.routingObject());
        doc.put("route", s.route());
        doc.put("stable", destination(s.stable()));
        doc.put("canary", destination(s.canary()));
        Map<String, Object> weights = new LinkedHashMap<>();
        weights.put("stable", s.weights() == null ? null : s.weights().stable());
        weights.put("canary", s.weights() == null ? null : s.weights().canary());
        doc.put("weights", weights);
        doc.put("phase", s.phase() == null ? null : s.phase().name());
        doc.put("lastChange", lastChange(s.lastChange()));
        doc.put("testers", new ArrayList<>(s.testers().stream().map(StatusDocument::tester).toList()));
        doc.put("mirrorPercent", s.mirrorPercent());
        doc.put("drift", new ArrayList<>(s.drift()));
        doc.put("stateProblem", s.stateProblem());
        doc.put("resourceVersion", s.resourceVersion());
        doc.put("pendingApproval", ClusterDecision.pending(s).map(p -> pendingApproval(s, p)).orElse(null));
        doc.put("workloads", workloads(s.workloads()));
        doc.put("fleet", fleet == null ? null : of(fleet));
        return doc;
    }

    /** A fleet release as its table shows it: {@code fleet} (the id), {@code phase} (of the whole), one row per member in {@code targets}. */
    public static Map<String, Object> of(FleetStatus fleet) {
        return FleetDocument.of(fleet);
    }

    /** What a fleet operation did: {@code result}, {@code action}, {@code changed}, {@code failed}, {@code undone}, {@code unfinished} (with the command that finishes each), {@code summary}. */
    public static Map<String, Object> of(FleetOutcome outcome) {
        return FleetDocument.of(outcome);
    }

    /** How a fleet run ended, with every member as it was left: {@link #of(FleetOutcome)} plus {@code fleet}, {@link #of(FleetStatus)} (null: not read). */
    public static Map<String, Object> of(FleetOutcome outcome, FleetStatus left) {
        Map<String, Object> doc = FleetDocument.of(outcome);
        doc.put("fleet", left == null ? null : of(left));
        return doc;
    }

    /**
     * One release record as {@code grayctl list -o json} lists it: where it lives ({@code namespace},
     * {@code routeKind}, {@code routingObject}, {@code route}) and what it says, in the status
     * document's keys ({@code stable}, {@code canary}, {@code weights} as recorded, {@code phase},
     * {@code lastChange}); {@code stateProblem} says why a record cannot be read.
     */
    public static Map<String, Object> of(RecordedRelease r) {
        ReleaseState state = r.state();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("namespace", r.namespace());
        doc.put("routeKind", r.kind().kind());
        doc.put("routingObject", r.name());
        doc.put("route", r.route());
        doc.put("stable", state == null ? null : destination(state.stable()));
        doc.put("canary", state == null ? null : destination(state.canary()));
        Map<String, Object> weights = new LinkedHashMap<>();
        weights.put("stable", state == null ? null : 100 - state.weight());
        weights.put("canary", state == null ? null : state.weight());
        doc.put("weights", weights);
        doc.put("phase", state == null || state.phase() == null ? null : state.phase().name());
        doc.put("lastChange", state == null ? null : lastChange(state.lastChange()));
        doc.put("stateProblem", r.problem());
        return doc;
    }

    /**
     * The approval a rollout waits for: {@code plan}, {@code step} (1-based), {@code run},
     * {@code message}, {@code choices}, {@code deadline} (null: no timeout) and {@code answerWith}
     * (the {@code grayctl decide} command, or where in Jenkins).
     */
    private static Map<String, Object> pendingApproval(ReleaseStatus s, RolloutProgress p) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("plan", p.plan());
        doc.put("step", p.step() + 1);
        doc.put("run", p.run());
        doc.put("message", p.question().message());
        doc.put("choices", new ArrayList<>(p.question().choices()));
        doc.put("deadline", p.question().deadline() == null ? null : p.question().deadline().toString());
        doc.put("answerWith", ClusterDecision.howToAnswer(s, p));
        return doc;
    }

    /** {@code {stable: [...], canary: [...], problem}}, each Deployment with its readiness; null when not read. */
    private static Map<String, Object> workloads(ReleaseWorkloads w) {
        if (w == null) {
            return null;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("stable", new ArrayList<>(w.stable().stream().map(StatusDocument::deployment).toList()));
        doc.put("canary", new ArrayList<>(w.canary().stream().map(StatusDocument::deployment).toList()));
        doc.put("problem", w.problem());
        return doc;
    }

    private static Map<String, Object> deployment(DeploymentSummary d) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", d.name());
        doc.put("image", d.image());
        doc.put("readyReplicas", d.ready());
        doc.put("replicas", d.desired());
        doc.put("problem", d.problem());
        return doc;
    }

    /**
     * A writing operation's result: the status after it (in a dry run: as it would be), then
     * {@code changed}, {@code dryRun}, {@code patch} (the JSON Patch operations sent or planned,
     * guards first; empty when nothing changes), {@code diff} (unified diff of the routes that
     * change; empty when nothing changes), {@code serverValidated} and {@code notes} (sentences for the
     * user: why nothing changed, what a clean-up deleted).
     */
    public static Map<String, Object> of(OperationResult r) {
        Map<String, Object> doc = of(r.status());
        PlannedChange change = r.change();
        doc.put("changed", r.changed());
        doc.put("dryRun", r.dryRun());
        doc.put("patch", change == null ? new ArrayList<>() : patch(change.patch()));
        doc.put("diff", change == null || change.diff() == null ? "" : change.diff());
        doc.put("serverValidated", change != null && change.serverValidated());
        doc.put("notes", new ArrayList<>(r.notes()));
        return doc;
    }

    /**
     * How a rollout plan's run ended, with the release as it was left ({@code status}, null when
     * unreadable) and the evidence of every analysis that reached a verdict ({@code analyses}).
     */
    public static Map<String, Object> of(RolloutResult r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("outcome", r.outcome().name());
        doc.put("message", r.message());
        doc.put("stoppedAtStep", r.stoppedAtStep());
        doc.put("decision", r.decision().map(StatusDocument::decision).orElse(null));
        doc.put("failedAnalysis", r.failedAnalysis().map(AnalysisVerdict::summary).orElse(null));
        doc.put("analyses", EvidenceDocument.analyses(r.analyses()));
        doc.put("status", r.status() == null ? null : of(r.status()));
        return doc;
    }

    /**
     * An approval's decision: {@code decision} (promote, rollback, setWeight, abort),
     * {@code weight} (the canary percentage for setWeight, else null), {@code decidedBy},
     * {@code timedOut}.
     */
    public static Map<String, Object> decision(Decision d) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("decision", d.kind().planName());
        doc.put("weight", d.kind() == DecisionKind.SET_WEIGHT ? d.weight() : null);
        doc.put("decidedBy", d.decidedBy());
        doc.put("timedOut", d.timedOut());
        return doc;
    }

    /** A canary Deployment as created or updated. */
    public static Map<String, Object> deployment(WorkloadStatus w) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", w.name());
        doc.put("image", w.image());
        doc.put("version", w.version());
        doc.put("replicas", w.replicas());
        doc.put("podLabels", w.podLabels() == null ? null : new LinkedHashMap<>(w.podLabels()));
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

    static Map<String, Object> lastChange(LastChange c) {
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
        doc.put("kind", m.kind().word());
        doc.put("name", m.name());
        doc.put("value", m.value());
        return doc;
    }

    /** The engine's JSON Patch text as a list of operations; the text itself if it is not JSON. */
    private static Object patch(String text) {
        if (text == null || text.isBlank()) {
            return new ArrayList<>();
        }
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}
