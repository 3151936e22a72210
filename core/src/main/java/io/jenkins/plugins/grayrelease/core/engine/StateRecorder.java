package io.jenkins.plugins.grayrelease.core.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.routing.RouteObservation;
import io.jenkins.plugins.grayrelease.core.routing.RouteSides;
import io.jenkins.plugins.grayrelease.core.routing.TrafficRouter;
import io.jenkins.plugins.grayrelease.core.state.LastChange;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import io.jenkins.plugins.grayrelease.core.state.StateAnnotations;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import io.jenkins.plugins.grayrelease.core.status.StatusAssembler;
import java.time.Clock;

/** Writes the release state alone (a rollout's progress), with the same guard and retries as route changes. */
final class StateRecorder {

    private final IstioResources istio;
    private final RetryLoop retry;
    private final Actor actor;
    private final Clock clock;
    private final GuardedWriter writer;

    StateRecorder(IstioResources istio, GuardedWriter writer, RetryLoop retry, Actor actor, Clock clock) {
        this.istio = istio;
        this.writer = writer;
        this.retry = retry;
        this.actor = actor;
        this.clock = clock;
    }

    ReleaseStatus record(ReleaseTarget target, RolloutProgress progress, Phase phase, SessionCache cache) {
        StopRule stops = new StopRule(target.routingRef(), cache);
        return retry.run(target.routingRef(), p -> {
            try {
                return attempt(target, progress, phase, cache, p, stops);
            } catch (RuntimeException e) {
                throw FailedAttempt.forget(cache, target.routingRef(), e);
            }
        });
    }

    private ReleaseStatus attempt(ReleaseTarget target, RolloutProgress progress, Phase phase, SessionCache cache, RetryLoop.Progress p,
            StopRule stops) {
        Snapshot snap = Snapshot.read(istio, target, cache, false);
        // Nothing a run records goes over a stop recorded by someone else: neither more progress nor its own
        // end (aborted, rolled back), which would replace who stopped the release and why.
        stops.read(snap.state().state(), true, progress == null ? "recording the rollout's end"
                : "recording rollout " + progress.plan() + " step " + (progress.step() + 1) + " " + progress.stepState());
        TrafficRouter router = snap.router();
        RouteSides sides = SideResolver.resolve(target, snap);
        ReleaseState old = snap.state().state();
        RouteObservation observed = router.observe(snap.routing(), target.routingRef(), target.route(), sides);
        int weight = observed.weights().canary();
        ReleaseState base = old != null ? old : new ReleaseState(sides.stable(), sides.canary(), weight, Phase.PROGRESSING, null, null);
        ReleaseState next = base.withRollout(progress).withPhase(phase != null ? phase : base.phase());
        if (!StatePlanner.differs(old, next)) {
            return StatusAssembler.assemble(target, snap.routing(), snap.subsets(), sides, router);
        }
        String action = progress == null ? "rollout ended" : "rollout " + progress.plan() + " step " + progress.step()
                + " " + progress.stepType() + " " + progress.stepState();
        next = next.withLastChange(new LastChange(action, actor.user(), clock.instant(), actor.origin()));
        ObjectNode after = snap.routing().deepCopy();
        StateAnnotations.write(after, observed.routeName(), next, snap.record().movesLegacyTo(observed.routeName()));
        // Guarded by the managed route (the weight recorded is read from it) and the record it replaces.
        p.planned();
        ObjectNode stored = writer.write(target, snap.routing(), after, cache).stored();
        p.wrote();
        stops.wrote(next);
        return StatusAssembler.assemble(target, stored, snap.subsets(), sides, router);
    }

    /**
     * Records {@code answer} to the approval {@code asked} (the progress of the run's waiting step as
     * read), guarded like every write; refused when the run has moved on or the question was answered.
     */
    ReleaseStatus answer(ReleaseTarget target, RolloutProgress asked, RolloutProgress.Answer answer, SessionCache cache) {
        return retry.run(target.routingRef(), p -> {
            Snapshot snap = Snapshot.read(istio, target, cache, false);
            TrafficRouter router = snap.router();
            RouteSides sides = SideResolver.resolve(target, snap);
            ReleaseState old = snap.state().state();
            RolloutProgress now = old == null ? null : old.rollout();
            if (now == null || now.question() == null || now.step() != asked.step() || !java.util.Objects.equals(now.run(), asked.run())
                    || !java.util.Objects.equals(now.plan(), asked.plan()) || old.phase() != Phase.PAUSED) {
                throw new io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException(target.routingRef(), "release state: rollout",
                        "the approval of step " + (asked.step() + 1) + " of run " + asked.run() + " is no longer waiting (the run moved on)",
                        "Nothing was written; grayctl status shows where the release is");
            }
            if (now.answer() != null) {
                throw new io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException(target.routingRef(), "release state: rollout.answer",
                        "the approval was already answered: " + now.answer().decision() + " by " + now.answer().by(),
                        "Nothing was written; the first answer counts");
            }
            RouteObservation observed = router.observe(snap.routing(), target.routingRef(), target.route(), sides);
            ReleaseState next = old.withRollout(now.withAnswer(answer)).withLastChange(new LastChange("answer " + answer.decision()
                    + " to the approval of step " + (now.step() + 1), answer.by(), answer.at(), actor.origin()));
            ObjectNode after = snap.routing().deepCopy();
            StateAnnotations.write(after, observed.routeName(), next, snap.record().movesLegacyTo(observed.routeName()));
            p.planned();
            ObjectNode stored = writer.write(target, snap.routing(), after, cache).stored();
            p.wrote();
            return StatusAssembler.assemble(target, stored, snap.subsets(), sides, router);
        });
    }
}
