package io.jenkins.plugins.grayrelease.approval;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One decision a build waits for, kept in {@code build.xml} by the build's Gray Release page so
 * that it outlives a controller restart. Pending until {@link #decide} is called once.
 */
public final class Approval {

    /** What a person may choose when the step does not narrow it. */
    public static final String ALL_CHOICES = "promote,rollback,weight";

    private final String id;
    private final String target;
    private final String message;
    private final String submitter;
    private final String choices;
    private final long createdAt;
    private final int timeoutMinutes;
    private String decision;
    private String decidedBy;
    private long decidedAt;
    private String note;
    private boolean cancelled;

    public Approval(String id, String target, String message, @CheckForNull String submitter,
                    @CheckForNull String choices, long createdAt, int timeoutMinutes) {
        this.id = id;
        this.target = target;
        this.message = message;
        this.submitter = submitter == null || submitter.isBlank() ? null : submitter.trim();
        this.choices = choices == null || choices.isBlank() ? ALL_CHOICES : choices.trim();
        this.createdAt = createdAt;
        this.timeoutMinutes = timeoutMinutes;
    }

    /**
     * Checks a step's {@code choices} before anything waits on them.
     *
     * @throws IllegalArgumentException naming the unknown choice and the known ones
     */
    public static void validateChoices(@CheckForNull String choices) {
        for (String c : split(choices == null || choices.isBlank() ? ALL_CHOICES : choices)) {
            if (!List.of("promote", "rollback", "weight", "abort").contains(c)) {
                throw new IllegalArgumentException("choices: '" + c + "' is not a decision. Use any of promote, rollback, weight, abort, separated by commas");
            }
        }
    }

    static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    synchronized void decide(Decision d, String user, long at, @CheckForNull String why) {
        decision = d.toString();
        decidedBy = user;
        decidedAt = at;
        note = why;
    }

    synchronized void cancel(String why) {
        cancelled = true;
        note = why;
    }

    /** True when the build stopped waiting without an answer. */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    public String getId() {
        return id;
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

    public List<String> getChoices() {
        return split(choices);
    }

    public boolean offers(Decision d) {
        return getChoices().contains(d.choiceName());
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    /** When an unanswered approval times out, in epoch milliseconds, or 0 when it waits forever. */
    public long getDeadline() {
        return timeoutMinutes <= 0 ? 0 : createdAt + timeoutMinutes * 60_000L;
    }

    public synchronized boolean isPending() {
        return decision == null && !cancelled;
    }

    @CheckForNull
    public synchronized Decision getDecision() {
        return decision == null ? null : Decision.parse(decision, null);
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
