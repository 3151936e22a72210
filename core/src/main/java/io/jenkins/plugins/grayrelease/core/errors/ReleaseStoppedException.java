package io.jenkins.plugins.grayrelease.core.errors;

import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.state.LastChange;
import io.jenkins.plugins.grayrelease.core.state.Phase;

/**
 * A rollback wins: someone else recorded a rollback or abort on the release after this session
 * read it, so this session's forward move (a higher weight, a tester route, a mirror, a promotion,
 * more rollout progress) is refused. Nothing of the move was written; the other actor's record stands.
 */
public final class ReleaseStoppedException extends GrayReleaseException {
    private static final long serialVersionUID = 1L;

    private final transient Phase phase;
    private final transient LastChange stop;

    /**
     * @param phase {@link Phase#ROLLED_BACK} or {@link Phase#ABORTED}
     * @param stop  the recorded change that stopped the release (who, when, from where)
     * @param move  what this session was about to do ({@code setWeight 50})
     */
    public ReleaseStoppedException(ObjectRef object, Phase phase, LastChange stop, String move) {
        super(object, null, describe(phase, stop) + " after this session read the release; refusing " + move,
                "A rollback wins: nothing was written. Start a new release deliberately (a new grayctl weight or"
                        + " rollout, a new build) if the canary should get traffic again", null);
        this.phase = phase;
        this.stop = stop;
    }

    /** {@code rolled back by alice at 2026-12-01T10:00:00Z (grayctl)}. */
    public static String describe(Phase phase, LastChange stop) {
        String what = phase == Phase.ABORTED ? "aborted" : "rolled back";
        if (stop == null) {
            return what + " by someone else";
        }
        return what + " by " + stop.by() + (stop.at() == null ? "" : " at " + stop.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                + (stop.origin() == null ? "" : " (" + stop.origin() + ")");
    }

    public Phase phase() {
        return phase;
    }

    /** Who stopped the release, when and from where; null when the record does not say. */
    public LastChange stop() {
        return stop;
    }

    /** {@code rolled back by alice at …}: the sentence a run's result and a build's result start with. */
    public String stoppedBy() {
        return describe(phase, stop);
    }
}
