package io.jenkins.plugins.grayrelease.core.state;

import io.jenkins.plugins.grayrelease.core.Destination;

/**
 * The small record the engine keeps in an annotation on the VirtualService: the cluster is the
 * source of truth, readable with kubectl, and a restarted Jenkins or a second tool resumes from it.
 *
 * @param stable     the recorded stable side
 * @param canary     the recorded canary side, or null when no release is under way
 * @param weight     the canary weight the engine last wrote
 * @param phase      where the release stands
 * @param rollout    where a rollout plan is, or null when none runs
 * @param lastChange the last change made through the engine
 */
public record ReleaseState(Destination stable, Destination canary, int weight, Phase phase,
                           RolloutProgress rollout, LastChange lastChange) {

    public ReleaseState withRollout(RolloutProgress progress) {
        return new ReleaseState(stable, canary, weight, phase, progress, lastChange);
    }

    public ReleaseState withPhase(Phase newPhase) {
        return new ReleaseState(stable, canary, weight, newPhase, rollout, lastChange);
    }

    public ReleaseState withLastChange(LastChange change) {
        return new ReleaseState(stable, canary, weight, phase, rollout, change);
    }
}
