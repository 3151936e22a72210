package io.jenkins.plugins.grayrelease.approval;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Job;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.action.PlainResponse;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import io.jenkins.plugins.grayrelease.security.ReleasePermissions;
import java.text.DateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * One decision a build waits for, at {@code <build>/grayRelease/<id>/}: kept in {@code build.xml}
 * by the build's {@link GrayReleaseAction} so that it outlives a controller restart, and answered
 * once through {@link #doDecide}.
 */
public final class Approval {

    private final String id;
    private final String target;
    private final String message;
    private final String submitter;
    private final List<DecisionKind> choices;
    private final long createdAt;
    /** Read from records written before timeouts took the plan's form; 0 in newer ones. */
    private int timeoutMinutes;
    /** How long nobody answering is waited for, in milliseconds; 0 waits forever (or see timeoutMinutes). */
    private long timeoutMillis;
    private DecisionKind decision;
    private int weight;
    private String decidedBy;
    private long decidedAt;
    private boolean timedOut;
    private String note;
    private boolean cancelled;
    /** The fleet release it answers for (one wave of it), or null; absent in records of earlier versions. */
    private String fleet;
    /** The build's page this approval is on; set when added and when the build is loaded. */
    private transient GrayReleaseAction owner;

    public Approval(String id, String target, Question question, long createdAt) {
        this.id = id;
        this.target = target;
        this.message = question.message();
        String who = question.submitter();
        this.submitter = who == null || who.isBlank() ? null : who.trim();
        this.choices = new ArrayList<>(question.choices());
        this.createdAt = createdAt;
        this.timeoutMillis = question.timeout().toMillis();
    }

    public void attach(GrayReleaseAction action) {
        this.owner = action;
    }

    /**
     * Records {@code d} unless this approval was answered or closed already.
     *
     * @return null when recorded, otherwise the sentence saying why not
     */
    public synchronized String record(Decision d, long at, @CheckForNull String why) {
        if (cancelled) {
            return "This approval is closed: " + note + ".";
        }
        if (decision != null) {
            return "This approval was already answered: " + new Decision(decision, weight, decidedBy, timedOut).describe() + " by " + decidedBy
                    + " at " + DateFormat.getDateTimeInstance().format(new Date(decidedAt)) + ".";
        }
        decision = d.kind();
        weight = d.weight();
        decidedBy = d.decidedBy();
        timedOut = d.timedOut();
        decidedAt = at;
        note = why;
        return null;
    }

    /** Closes an approval nobody answered (the build stopped waiting); a later answer is refused. */
    public synchronized void close(String why) {
        if (isPending()) {
            cancelled = true;
            note = why;
        }
    }

    /**
     * A person's answer from the page's buttons: {@code decision} (promote, rollback, setWeight,
     * abort) and, for setWeight, {@code weight}. POST only, with the CSRF crumb Jenkins checks;
     * who may answer is {@link ReleasePermissions}' rule.
     */
    @RequirePOST
    public HttpResponse doDecide(@QueryParameter String decision, @QueryParameter String weight) {
        Job<?, ?> job = owner.getRun().getParent();
        ReleasePermissions.checkRead(job);
        Decision d;
        try {
            d = Decision.parse(decision, weight, ReleasePermissions.currentUserId());
        } catch (IllegalArgumentException e) {
            return PlainResponse.of(400, e.getMessage() + ".");
        }
        if (!offers(d.kind())) {
            return PlainResponse.of(400, "This approval offers only " + String.join(", ", getChoiceNames()) + ".");
        }
        ReleasePermissions.checkDecide(job, this, d.kind());
        String refused = owner.answer(this, d, null);
        if (refused != null) {
            return PlainResponse.of(409, refused);
        }
        return HttpResponses.redirectTo("..");
    }

    public String getId() {
        return id;
    }

    /** The id of the fleet release this approval answers for, or null for a single target's. */
    @CheckForNull
    public String getFleet() {
        return fleet;
    }

    /** Marks the approval as answering for a wave of fleet {@code fleetId} (set before it is added to the build). */
    public void setFleet(@CheckForNull String fleetId) {
        this.fleet = fleetId;
    }

    /** The release it is about, {@code namespace/service}. */
    public String getTarget() {
        return target;
    }

    public String getMessage() {
        return message;
    }

    /** Users or groups who may answer, comma-separated; null means anyone with Build permission. */
    @CheckForNull
    public String getSubmitter() {
        return submitter;
    }

    public List<String> getSubmitters() {
        return submitter == null ? Collections.emptyList() : Arrays.stream(submitter.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }

    public List<DecisionKind> getChoices() {
        return Collections.unmodifiableList(choices);
    }

    /** The choices as the page and scripts spell them: promote, rollback, setWeight, abort. */
    public List<String> getChoiceNames() {
        return choices.stream().map(DecisionKind::planName).toList();
    }

    public boolean offers(DecisionKind kind) {
        return choices.contains(kind);
    }

    /** For the page: {@code offers('setWeight')}. */
    public boolean offers(String kindName) {
        return getChoiceNames().contains(kindName);
    }

    public long getCreatedAt() {
        return createdAt;
    }

    /** How long nobody answering is waited for; zero waits forever. */
    public Duration getTimeout() {
        return timeoutMillis > 0 ? Duration.ofMillis(timeoutMillis) : Duration.ofMinutes(Math.max(0, timeoutMinutes));
    }

    /** When an unanswered approval times out, in epoch milliseconds, or 0 when it waits forever. */
    public long getDeadline() {
        Duration timeout = getTimeout();
        return timeout.isZero() ? 0 : createdAt + timeout.toMillis();
    }

    public synchronized boolean isPending() {
        return decision == null && !cancelled;
    }

    /** True when the build stopped waiting without an answer. */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    @CheckForNull
    public synchronized Decision getDecision() {
        return decision == null ? null : new Decision(decision, weight, decidedBy, timedOut);
    }

    @CheckForNull
    public synchronized String getDecidedBy() {
        return decidedBy;
    }

    public synchronized long getDecidedAt() {
        return decidedAt;
    }

    /** Why it was decided without a person (timed out, build aborted), or null. */
    @CheckForNull
    public synchronized String getNote() {
        return note;
    }
}
