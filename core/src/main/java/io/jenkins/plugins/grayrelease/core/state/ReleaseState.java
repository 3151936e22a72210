package io.jenkins.plugins.grayrelease.core.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.grayrelease.core.Destination;

/**
 * The small record the engine keeps in an annotation on the VirtualService: the cluster is the
 * source of truth, readable with kubectl, and a restarted Jenkins or a second tool resumes from it.
 *
 * @param stable        the recorded stable side
 * @param canary        the recorded canary side, or null when no release is under way
 * @param weight        the canary weight the engine last wrote
 * @param phase         where the release stands
 * @param rollout       where a rollout plan is, or null when none runs
 * @param lastChange    the last change made through the engine
 * @param stableVersion the version the stable subset selects (its version label), or null when unknown
 * @param canaryVersion the version the canary subset selects, or null; in the fixed-subset layout
 *                      the subset names stay {@code stable}/{@code canary}, so these say which
 *                      versions they are
 * @param fleet         the fleet release this target is a member of, or null when it is released alone
 */
public record ReleaseState(Destination stable, Destination canary, int weight, Phase phase,
                           RolloutProgress rollout, LastChange lastChange, String stableVersion, String canaryVersion,
                           FleetMembership fleet) {

    @JsonCreator
    public ReleaseState(@JsonProperty("stable") Destination stable, @JsonProperty("canary") Destination canary,
                        @JsonProperty("weight") int weight, @JsonProperty("phase") Phase phase,
                        @JsonProperty("rollout") RolloutProgress rollout, @JsonProperty("lastChange") LastChange lastChange,
                        @JsonProperty("stableVersion") String stableVersion, @JsonProperty("canaryVersion") String canaryVersion,
                        @JsonProperty("fleet") FleetMembership fleet) {
        this.stable = stable;
        this.canary = canary;
        this.weight = weight;
        this.phase = phase;
        this.rollout = rollout;
        this.lastChange = lastChange;
        this.stableVersion = stableVersion;
        this.canaryVersion = canaryVersion;
        this.fleet = fleet;
    }

    /** A record of a target released alone. */
    public ReleaseState(Destination stable, Destination canary, int weight, Phase phase, RolloutProgress rollout,
                        LastChange lastChange, String stableVersion, String canaryVersion) {
        this(stable, canary, weight, phase, rollout, lastChange, stableVersion, canaryVersion, null);
    }

    /** A record without versions. */
    public ReleaseState(Destination stable, Destination canary, int weight, Phase phase, RolloutProgress rollout,
                        LastChange lastChange) {
        this(stable, canary, weight, phase, rollout, lastChange, null, null, null);
    }

    public ReleaseState withRollout(RolloutProgress progress) {
        return new ReleaseState(stable, canary, weight, phase, progress, lastChange, stableVersion, canaryVersion, fleet);
    }

    public ReleaseState withPhase(Phase newPhase) {
        return new ReleaseState(stable, canary, weight, newPhase, rollout, lastChange, stableVersion, canaryVersion, fleet);
    }

    public ReleaseState withLastChange(LastChange change) {
        return new ReleaseState(stable, canary, weight, phase, rollout, change, stableVersion, canaryVersion, fleet);
    }

    /** The record naming the versions the two subsets select (null: unknown). */
    public ReleaseState withVersions(String stableV, String canaryV) {
        return new ReleaseState(stable, canary, weight, phase, rollout, lastChange, stableV, canaryV, fleet);
    }

    /** The record as a member of {@code membership} (null: released alone). */
    public ReleaseState withFleet(FleetMembership membership) {
        return new ReleaseState(stable, canary, weight, phase, rollout, lastChange, stableVersion, canaryVersion, membership);
    }
}
