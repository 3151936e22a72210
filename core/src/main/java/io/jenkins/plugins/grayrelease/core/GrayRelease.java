package io.jenkins.plugins.grayrelease.core;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.workload.CanaryDeployment;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadStatus;

/**
 * The engine's front door: every operation on a release. Each writing operation validates all
 * its input against the cluster before its first write, writes minimal patches guarded by
 * {@code resourceVersion} (re-reading and re-planning on conflict), is idempotent, and returns
 * the resulting status. Errors are {@link io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException}s.
 *
 * <p>Thread-safe; one instance per client and actor.
 */
public final class GrayRelease {

    private final KubernetesClient client;
    private final Actor actor;
    private final RetryPolicy retry;

    public GrayRelease(KubernetesClient client, Actor actor) {
        this(client, actor, RetryPolicy.defaults());
    }

    public GrayRelease(KubernetesClient client, Actor actor, RetryPolicy retry) {
        this.client = client;
        this.actor = actor;
        this.retry = retry;
    }

    public KubernetesClient client() {
        return client;
    }

    public Actor actor() {
        return actor;
    }

    /** The weights as they really are, the recorded state, and any drift between the two. Reads only. */
    public ReleaseStatus status(ReleaseTarget target) {
        throw notYet();
    }

    /** Sends {@code canaryPercent} (0–100) of the managed route's traffic to the canary, the rest to stable. */
    public OperationResult setWeight(ReleaseTarget target, int canaryPercent, WriteOptions options) {
        throw notYet();
    }

    /** Puts (or replaces) the engine's tester route, sending matching requests 100 % to the canary, just before the managed route. */
    public OperationResult setTesters(ReleaseTarget target, TesterRoute testers, WriteOptions options) {
        throw notYet();
    }

    /** Removes the engine's tester route; nothing else changes. */
    public OperationResult removeTesters(ReleaseTarget target, WriteOptions options) {
        throw notYet();
    }

    /** Mirrors {@code percent} (0–100) of the managed route's traffic to the canary; 0 removes the mirror. */
    public OperationResult setMirror(ReleaseTarget target, int percent, WriteOptions options) {
        throw notYet();
    }

    /** All traffic to the canary, which the state records as the new stable; tester and mirror removed. */
    public OperationResult promote(ReleaseTarget target, PromoteOptions options) {
        throw notYet();
    }

    /** All traffic to stable; the engine's tester and mirror routes removed. */
    public OperationResult rollback(ReleaseTarget target, WriteOptions options) {
        throw notYet();
    }

    /**
     * Records where a rollout plan is (and optionally its phase) in the release state, without
     * touching routes. A guarded write like any other.
     */
    public ReleaseStatus recordRollout(ReleaseTarget target, RolloutProgress progress, Phase phase) {
        throw notYet();
    }

    /** Creates or updates the canary Deployment from the stable one; see {@link CanaryDeployment}. */
    public WorkloadStatus deployCanary(ReleaseTarget target, CanaryDeployment request) {
        throw notYet();
    }

    private static UnsupportedOperationException notYet() {
        return new UnsupportedOperationException("the engine's operations are being implemented (issue 2)");
    }
}
