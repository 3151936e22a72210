package io.jenkins.plugins.grayrelease.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.approval.Approval;
import io.jenkins.plugins.grayrelease.approval.ApprovalWaiters;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.fleet.FleetStatus;
import io.jenkins.plugins.grayrelease.security.ReleasePermissions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The build's "Gray Release" page and its record: each release target as the build last saw it,
 * the approvals it waited for, and the history of who changed what. Saved in {@code build.xml}.
 * Each approval is answered at its own address, {@code grayRelease/<id>/decide}.
 */
public final class GrayReleaseAction implements RunAction2 {

    private static final Logger LOGGER = Logger.getLogger(GrayReleaseAction.class.getName());
    public static final String URL_NAME = "grayRelease";
    /** The plugin's symbol (src/main/resources/images/symbols/gray-release.svg): themable, no inline markup. */
    public static final String ICON = "symbol-gray-release plugin-gray-release";

    private Map<String, TargetSnapshot> targets = new ConcurrentHashMap<>();
    private List<Approval> approvals = new CopyOnWriteArrayList<>();
    private List<HistoryEntry> history = new CopyOnWriteArrayList<>();
    private List<AnalysisEvidence> evidence = new CopyOnWriteArrayList<>();
    /** Fleet releases by id, as last read; absent in records of earlier versions. */
    private Map<String, FleetRecord> fleets = new ConcurrentHashMap<>();
    /**
     * This record's identity for whoever waits on its approvals: unlike the build's name it
     * survives renaming or moving the job while a step waits. Absent in records of earlier
     * versions (made on load).
     */
    private String waitKey = UUID.randomUUID().toString();
    private transient Run<?, ?> run;

    /** The build's action, added on first use. */
    public static GrayReleaseAction of(Run<?, ?> run) {
        synchronized (run) {
            GrayReleaseAction a = run.getAction(GrayReleaseAction.class);
            if (a == null) {
                a = new GrayReleaseAction();
                run.addAction(a);
            }
            return a;
        }
    }

    /** A build.xml written by an older version may lack a list; an empty one keeps the page working. */
    private Object readResolve() {
        Map<String, TargetSnapshot> byKey = new ConcurrentHashMap<>();
        if (targets != null) {
            // Records of earlier versions were keyed by namespace/service only.
            targets.values().forEach(t -> byKey.put(t.getKey(), t));
        }
        targets = byKey;
        approvals = approvals == null ? new CopyOnWriteArrayList<>() : new CopyOnWriteArrayList<>(approvals);
        history = history == null ? new CopyOnWriteArrayList<>() : new CopyOnWriteArrayList<>(history);
        evidence = evidence == null ? new CopyOnWriteArrayList<>() : new CopyOnWriteArrayList<>(evidence);
        fleets = fleets == null ? new ConcurrentHashMap<>() : new ConcurrentHashMap<>(fleets);
        waitKey = waitKey == null ? UUID.randomUUID().toString() : waitKey;
        return this;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        run = r;
        approvals.forEach(a -> a.attach(this));
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        run = r;
        approvals.forEach(a -> a.attach(this));
    }

    public Run<?, ?> getRun() {
        return run;
    }

    /** See {@link #waitKey}: the same for this build whatever the job is called now. */
    public String waitKey() {
        return waitKey;
    }

    @Override
    public String getIconFileName() {
        return ICON;
    }

    @Override
    public String getDisplayName() {
        return Messages.GrayReleaseAction_displayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    // ---- what the steps record ----

    /** Records what a step saw or did; {@code what} is null for a plain status read. */
    public void record(ReleaseSettings settings, ReleaseStatus status, String user, @CheckForNull String what) {
        TargetSnapshot snapshot = new TargetSnapshot(settings, status, System.currentTimeMillis());
        targets.put(snapshot.getKey(), snapshot);
        if (what != null) {
            history.add(new HistoryEntry(System.currentTimeMillis(), user, snapshot.getLabel(), what));
        }
        save();
    }

    /**
     * Records a fleet release as read after a step (its table on the page) and, when the step
     * changed something, the engine's summary of what it did in the history.
     */
    public void recordFleet(String label, FleetStatus status, List<FleetRecord.Member> members, String user, @CheckForNull String what) {
        fleets.put(status.fleetId(), new FleetRecord(label, status, members, System.currentTimeMillis()));
        if (what != null) {
            history.add(new HistoryEntry(System.currentTimeMillis(), user, label, what));
        }
        save();
    }

    /** The build's fleet releases, in the order of their ids. */
    public List<FleetRecord> getFleets() {
        List<FleetRecord> list = new ArrayList<>(fleets.values());
        list.sort((a, b) -> a.getId().compareTo(b.getId()));
        return list;
    }

    /** The pending approvals that answer for {@code fleet}: shown under its table, once for the whole release. */
    public List<Approval> pendingApprovalsOf(FleetRecord fleet) {
        return approvals.stream().filter(a -> a.isPending() && fleet.getId().equals(a.getFleet())).toList();
    }

    /** The pending approvals not shown under a fleet's table. */
    public List<Approval> getPendingApprovalsOutsideFleets() {
        return approvals.stream().filter(a -> a.isPending() && (a.getFleet() == null || !fleets.containsKey(a.getFleet()))).toList();
    }

    /**
     * Why a fleet's target could not be read: the cluster's own words only for someone who may
     * configure or build the job (like the job page), otherwise only that it failed.
     */
    public String problemOf(FleetRecord.Row row) {
        return ReleasePermissions.canSeeClusterErrors(run.getParent()) ? row.problem() : Messages.JobAction_ProblemHidden();
    }

    /** Shows an analysis' evidence, replacing what the same analysis showed before (it measures on). */
    public void putEvidence(AnalysisEvidence e) {
        synchronized (evidence) {
            evidence.removeIf(e::sameAnalysis);
            evidence.add(e);
        }
        save();
    }

    public List<AnalysisEvidence> getEvidence() {
        return new ArrayList<>(evidence);
    }

    public void addHistory(String user, String target, String what) {
        history.add(new HistoryEntry(System.currentTimeMillis(), user, target, what));
        save();
    }

    /**
     * Adds a pending approval. When one with that id exists (a resumed rollout asks again) it is
     * returned instead, so an answer given before the restart counts; one that was closed without
     * an answer (its wait was interrupted) is replaced, so the question shows again.
     */
    public Approval addApproval(Approval approval) {
        synchronized (approvals) {
            Approval existing = getApproval(approval.getId());
            if (existing != null && !existing.isCancelled()) {
                return existing;
            }
            if (existing != null) {
                approvals.remove(existing);
            }
            approval.attach(this);
            approvals.add(approval);
        }
        save();
        return approval;
    }

    /**
     * Takes a decision unless one was taken already, records it in the history and wakes whoever
     * waits for it.
     *
     * @return null when recorded, otherwise the sentence saying who answered first
     */
    @CheckForNull
    public String answer(Approval approval, Decision decision, @CheckForNull String note) {
        String refused = approval.record(decision, System.currentTimeMillis(), note);
        if (refused == null) {
            history.add(new HistoryEntry(System.currentTimeMillis(), decision.decidedBy(), approval.getTarget(),
                    Messages.GrayReleaseAction_answered(approval.getMessage(), decision.describe())
                            + (note == null ? "" : " (" + note + ")")));
            save();
            ApprovalWaiters.complete(run, approval.getId(), decision);
        }
        return refused;
    }

    /**
     * Ends an approval without an answer because the release was rolled back and the approval does
     * not offer rollback: it is closed with {@code why}, and the step waiting for it fails with that sentence.
     */
    public void endWithoutAnswer(Approval approval, String why) {
        approval.close(why);
        history.add(new HistoryEntry(System.currentTimeMillis(), "", approval.getTarget(), why));
        save();
        ApprovalWaiters.fail(run, approval.getId(), why);
    }

    /** Closes an approval nobody answered (the build stopped waiting); a later answer is refused. */
    public void close(Approval approval, String why) {
        approval.close(why);
        save();
        ApprovalWaiters.forget(run, approval.getId());
    }

    private void save() {
        try {
            if (run != null) {
                run.save();
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "could not save the Gray Release record of " + run, e);
        }
    }

    // ---- what the page shows ----

    public List<TargetSnapshot> getTargets() {
        List<TargetSnapshot> list = new ArrayList<>(targets.values());
        list.sort((a, b) -> a.getKey().compareTo(b.getKey()));
        return list;
    }

    @CheckForNull
    public Approval getApproval(String id) {
        for (Approval a : approvals) {
            if (a.getId().equals(id)) {
                return a;
            }
        }
        return null;
    }

    public List<Approval> getPendingApprovals() {
        return approvals.stream().filter(Approval::isPending).toList();
    }

    public List<Approval> getApprovals() {
        return Collections.unmodifiableList(approvals);
    }

    /** Newest first. */
    public List<HistoryEntry> getHistory() {
        List<HistoryEntry> list = new ArrayList<>(history);
        Collections.reverse(list);
        return list;
    }

    /** Who answered this build's most recent approval in person (not a timeout), or null. */
    @CheckForNull
    public String lastApprover() {
        Approval latest = null;
        for (Approval a : approvals) {
            Decision d = a.getDecision();
            if (d != null && !d.timedOut() && (latest == null || a.getDecidedAt() > latest.getDecidedAt())) {
                latest = a;
            }
        }
        return latest == null ? null : latest.getDecidedBy();
    }

    public boolean canAnswer(Approval approval) {
        return ReleasePermissions.canAnswer(run.getParent(), approval);
    }

    /** {@code grayRelease/<id>/}: the approval with that id, which answers its own buttons. */
    @CheckForNull
    public Approval getDynamic(String token, StaplerRequest2 req, StaplerResponse2 rsp) {
        ReleasePermissions.checkRead(run.getParent());
        return getApproval(token);
    }
}
