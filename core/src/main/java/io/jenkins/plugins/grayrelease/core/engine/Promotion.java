package io.jenkins.plugins.grayrelease.core.engine;

import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.routing.RouteChange;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import java.util.List;

/**
 * A promotion: all traffic to the canary, which becomes the recorded stable, and, when asked,
 * the old stable's Deployment deleted once the routes are stored (see {@link OldStableCleanup}).
 *
 * <p>In the fixed-subset layout it takes up to three guarded writes, each leaving a valid state:
 * canary 100 %; the stable subset takes the canary's labels; stable 100 %, canary 0 %. Each write
 * is planned from a fresh read, so an interrupted promotion resumes at the step it stopped before.
 * A dry run shows the first.
 */
final class Promotion {

    /** The writes after the first that the fixed-subset layout needs. */
    private static final int FIXED_SUBSET_FOLLOW_UPS = 2;

    private final RouteOperation routes;
    private final OldStableCleanup cleanup;

    Promotion(RouteOperation routes, OldStableCleanup cleanup) {
        this.routes = routes;
        this.cleanup = cleanup;
    }

    /** @param session the session's memory, or null */
    OperationResult run(ReleaseTarget target, PromoteOptions options, SessionCache session) {
        WriteOptions write = options.write();
        // Decided before the first write: an ambiguous or forbidden clean-up changes nothing. The
        // old stable's pods are read now, before a fixed-subset promotion moves its labels.
        OldStableCleanup.Plan deletion = options.cleanup() ? cleanup.plan(target, options, session) : null;
        RouteOperation.Outcome outcome = promote(target, write, session);
        boolean changed = outcome.result().changed();
        for (int step = 0; step < FIXED_SUBSET_FOLLOW_UPS && !write.dryRun() && outcome.plan().sides().fixedSubsets()
                && outcome.result().status().phase() != Phase.PROMOTED; step++) {
            outcome = promote(target, write, session);
            changed |= outcome.result().changed();
        }
        OperationResult last = outcome.result();
        OperationResult result = new OperationResult(last.status(), changed, last.dryRun(), last.change(), last.notes());
        if (deletion == null) {
            return result;
        }
        if (write.dryRun()) {
            return deletion.victim() == null ? (deletion.note() == null ? result : result.withNote(deletion.note()))
                    : result.withNote("Clean-up would delete " + target.namespace() + "/Deployment/" + deletion.victim().getMetadata().getName()
                    + " (the old stable) once all traffic is on the canary.");
        }
        String note = cleanup.delete(deletion);
        return note == null ? result : result.withNote(note);
    }

    private RouteOperation.Outcome promote(ReleaseTarget target, WriteOptions write, SessionCache session) {
        return routes.run(target, List.of(new RouteChange.Promote()), write, session);
    }
}
