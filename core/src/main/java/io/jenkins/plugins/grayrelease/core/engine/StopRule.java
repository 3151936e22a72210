package io.jenkins.plugins.grayrelease.core.engine;

import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.errors.ReleaseStoppedException;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import java.util.Objects;
import java.util.Optional;

/**
 * "A rollback wins": every read of one operation passes through here. The first read of a
 * session (or of an operation outside a session) is what it knows; a later read that shows a
 * rollback or abort recorded by someone else since then refuses the operation's forward move with
 * a {@link ReleaseStoppedException}, so no retry loop re-plans over it. A move back (lower weight,
 * roll back, removing a route, recording the end of a run) passes. The session keeps refusing
 * forward moves after that: the stop is never taken as known, only its own writes are.
 */
final class StopRule {

    private final ObjectRef ref;
    private final SessionCache session;
    /** Outside a session: what this operation read first; null until then. */
    private Optional<ReleaseState> local;

    StopRule(ObjectRef ref, SessionCache session) {
        this.ref = ref;
        this.session = session;
    }

    /**
     * A read of the release.
     *
     * @param forward whether the operation moves the release forward; {@code move} says how
     * @throws ReleaseStoppedException when a forward move meets a stop recorded by someone else
     */
    void read(ReleaseState now, boolean forward, String move) {
        Optional<ReleaseState> known = known();
        if (known == null) {
            remember(now);
            return;
        }
        if (!stoppedSince(known.orElse(null), now)) {
            remember(now);
            return;
        }
        if (forward) {
            throw new ReleaseStoppedException(ref, now.phase(), now.lastChange(), move);
        }
    }

    /**
     * The refusal a forward move would get if {@code now} were read, without reading or remembering
     * anything: how a watch learns that the release was stopped elsewhere. Empty before the first read.
     */
    Optional<ReleaseStoppedException> stoppedElsewhere(ReleaseState now) {
        Optional<ReleaseState> known = known();
        if (known == null || !stoppedSince(known.orElse(null), now)) {
            return Optional.empty();
        }
        return Optional.of(new ReleaseStoppedException(ref, now.phase(), now.lastChange(), "the rollout's next step"));
    }

    /** The operation stored {@code state}: its own write is what it knows from now on. */
    void wrote(ReleaseState state) {
        remember(state);
    }

    /** Whether {@code now} records a rollback or abort that {@code known} (null: no record) does not. */
    static boolean stoppedSince(ReleaseState known, ReleaseState now) {
        if (now == null || (now.phase() != Phase.ROLLED_BACK && now.phase() != Phase.ABORTED)) {
            return false;
        }
        return known == null || known.phase() != now.phase() || !Objects.equals(known.lastChange(), now.lastChange());
    }

    private Optional<ReleaseState> known() {
        return session != null ? session.seen(ref) : local;
    }

    private void remember(ReleaseState state) {
        if (session != null) {
            session.accept(ref, state);
        } else {
            local = Optional.ofNullable(state);
        }
    }
}
