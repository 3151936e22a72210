package io.jenkins.plugins.grayrelease.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.approval.Approval;
import io.jenkins.plugins.grayrelease.approval.ApprovalBook;
import io.jenkins.plugins.grayrelease.approval.Decision;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.security.ReleasePermissions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The build's "Gray Release" page and its record: each release target as the build last saw it,
 * the approvals it waited for, and the history of who changed what. Saved in {@code build.xml}.
 */
public final class GrayReleaseAction implements RunAction2 {

    private static final Logger LOGGER = Logger.getLogger(GrayReleaseAction.class.getName());
    public static final String URL_NAME = "grayRelease";

    private Map<String, TargetSnapshot> targets = new ConcurrentHashMap<>();
    private List<Approval> approvals = new CopyOnWriteArrayList<>();
    private List<HistoryEntry> history = new CopyOnWriteArrayList<>();
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
        targets = targets == null ? new ConcurrentHashMap<>() : new ConcurrentHashMap<>(targets);
        approvals = approvals == null ? new CopyOnWriteArrayList<>() : new CopyOnWriteArrayList<>(approvals);
        history = history == null ? new CopyOnWriteArrayList<>() : new CopyOnWriteArrayList<>(history);
        return this;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "/plugin/gray-release/images/gray-release.svg";
    }

    @Override
    public String getDisplayName() {
        return "Gray Release";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    // ---- what the steps record ----

    /** Records what a step saw or did; {@code what} is null for a plain status read. */
    public void record(ReleaseSettings settings, ReleaseStatus status, String user, @CheckForNull String what) {
        TargetSnapshot snapshot = new TargetSnapshot(settings, status, System.currentTimeMillis());
        targets.put(snapshot.getLabel(), snapshot);
        if (what != null) {
            history.add(new HistoryEntry(System.currentTimeMillis(), user, snapshot.getLabel(), what));
        }
        save();
    }

    public void addHistory(String user, String target, String what) {
        history.add(new HistoryEntry(System.currentTimeMillis(), user, target, what));
        save();
    }

    /** Adds a pending approval unless one with that id exists (a resumed step asks again). */
    public Approval addApproval(Approval approval) {
        synchronized (approvals) {
            Approval existing = getApproval(approval.getId());
            if (existing != null) {
                return existing;
            }
            approvals.add(approval);
        }
        save();
        return approval;
    }

    /**
     * Takes a decision unless one was taken already.
     *
     * @return null when recorded, otherwise the sentence saying who answered first
     */
    @CheckForNull
    public String answer(Approval approval, Decision decision, String user, @CheckForNull String note) {
        String refused = ApprovalBook.decide(run, approval, decision, user, note);
        if (refused == null) {
            history.add(new HistoryEntry(System.currentTimeMillis(), user, approval.getTarget(),
                    "answered \"" + approval.getMessage() + "\": " + decision + (note == null ? "" : " (" + note + ")")));
            save();
            ApprovalBook.wake(run, approval, decision);
        }
        return refused;
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
        list.sort((a, b) -> a.getLabel().compareTo(b.getLabel()));
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

    public boolean canAnswer(Approval approval) {
        return ReleasePermissions.canAnswer(run.getParent(), approval);
    }

    // ---- web methods ----

    /**
     * Answers a pending approval from the page's Promote / Roll back / Set weight buttons.
     * POST only (CSRF crumb checked by Jenkins); permissions per {@link ReleasePermissions}.
     */
    @RequirePOST
    public HttpResponse doDecide(@QueryParameter String id, @QueryParameter String decision, @QueryParameter String weight) {
        ReleasePermissions.checkRead(run.getParent());
        Approval approval = getApproval(id);
        if (approval == null) {
            return PlainResponse.of(404, "This build has no approval with id '" + id + "'.");
        }
        Decision d;
        try {
            d = Decision.parse(decision, weight);
        } catch (IllegalArgumentException e) {
            return PlainResponse.of(400, e.getMessage() + ".");
        }
        if (!approval.offers(d)) {
            return PlainResponse.of(400, "This approval offers only " + String.join(", ", approval.getChoices()) + ".");
        }
        ReleasePermissions.checkDecide(run.getParent(), approval, d);
        String refused = answer(approval, d, ReleasePermissions.currentUserId(), null);
        if (refused != null) {
            return PlainResponse.of(409, refused);
        }
        return HttpResponses.redirectToDot();
    }
}
