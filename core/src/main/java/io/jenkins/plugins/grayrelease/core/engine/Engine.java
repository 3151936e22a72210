package io.jenkins.plugins.grayrelease.core.engine;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.RetryPolicy;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.routing.RouteChange;
import io.jenkins.plugins.grayrelease.core.routing.RouteSides;
import io.jenkins.plugins.grayrelease.core.routing.SubsetCheck;
import io.jenkins.plugins.grayrelease.core.routing.SubsetVersions;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import io.jenkins.plugins.grayrelease.core.status.StatusAssembler;
import io.jenkins.plugins.grayrelease.core.workload.CanaryDeployment;
import io.jenkins.plugins.grayrelease.core.workload.CanaryWorkloads;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The engine's parts wired together; {@link io.jenkins.plugins.grayrelease.core.GrayRelease} is its public face. */
public final class Engine {

    private final KubernetesClient client;
    private final IstioResources istio;
    private final RouteOperation routes;
    private final StateRecorder recorder;
    private final CanaryWorkloads workloads;
    private final RetryLoop retry;
    private final SessionCache session;

    public Engine(KubernetesClient client, Actor actor, RetryPolicy policy, boolean serverDryRun, Clock clock) {
        this(client, actor, policy, serverDryRun, clock, null);
    }

    /**
     * @param session what a session remembers between operations (see {@link SessionCache}), or
     *                null: every operation reads what it needs
     */
    public Engine(KubernetesClient client, Actor actor, RetryPolicy policy, boolean serverDryRun, Clock clock, SessionCache session) {
        this.client = client;
        this.session = session;
        this.istio = new IstioResources(client);
        this.retry = new RetryLoop(policy);
        this.routes = new RouteOperation(istio, new OperationPlanner(actor, clock), retry, serverDryRun);
        this.recorder = new StateRecorder(istio, retry, actor, clock);
        this.workloads = new CanaryWorkloads(client);
    }

    public RouteOperation.Outcome route(ReleaseTarget target, RouteChange change, WriteOptions options) {
        return routes.run(target, List.of(change), options, session);
    }

    /** Several changes planned together and written as one guarded patch. */
    public RouteOperation.Outcome route(ReleaseTarget target, List<RouteChange> changes, WriteOptions options) {
        return routes.run(target, changes, options, session);
    }

    /** Reads the routing object (and subsets) from the server (a status is never answered from memory), and a session remembers them. */
    public ReleaseStatus status(ReleaseTarget target) {
        return retry.run(target.routingRef(), p -> {
            Snapshot snap = Snapshot.read(istio, target, session, true);
            RouteSides sides = SideResolver.resolve(target, snap);
            return StatusAssembler.assemble(target, snap.routing(), snap.subsets(), sides, snap.router());
        });
    }

    /** Fixed-subset layout: the stable subset's labels as they are now; null in other layouts. */
    public Map<String, String> fixedStableLabels(ReleaseTarget target) {
        Snapshot snap = retry.run(target.routingRef(), p -> Snapshot.read(istio, target));
        RouteSides sides = SideResolver.resolve(target, snap);
        return sides.fixedSubsets() && sides.stable().hasSubset() ? SubsetCheck.labels(snap.subsets(), sides.stable().subset()) : null;
    }

    /** See {@link io.jenkins.plugins.grayrelease.core.GrayRelease#canaryMetricVersion}. */
    public String canaryMetricVersion(ReleaseTarget target) {
        if (target.canaryVersion() != null) {
            return target.canaryVersion();
        }
        Snapshot snap = retry.run(target.routingRef(), p -> Snapshot.read(istio, target));
        Destination canary = SideResolver.resolve(target, snap).canary();
        if (canary == null || !canary.hasSubset()) {
            return null;
        }
        String version = SubsetVersions.of(snap.subsets(), canary);
        return version != null ? version : canary.subset();
    }

    public ReleaseStatus record(ReleaseTarget target, RolloutProgress progress, Phase phase) {
        return recorder.record(target, progress, phase, session);
    }

    public WorkloadStatus deployCanary(ReleaseTarget target, CanaryDeployment request) {
        Snapshot snap = retry.run(target.routingRef(), p -> Snapshot.read(istio, target));
        RouteSides sides = SideResolver.resolve(target, snap);
        Map<String, String> stableLabels = sideLabels(target.namespace(), snap.subsets(), sides.stable());
        if (stableLabels == null) {
            throw new InvalidReleaseException(target.destinationRuleRef(), "spec.subsets",
                    "the stable subset " + sides.stable().subset() + " does not exist", "Add the stable subset to the DestinationRule");
        }
        Destination canary = sides.canary();
        Map<String, String> canaryLabels = canary == null ? null : sideLabels(target.namespace(), snap.subsets(), canary);
        if (canaryLabels != null && sides.fixedSubsets()) {
            // The canary subset is pointed at this version by the next weight change (canaryVersion).
            Map<String, String> moved = new java.util.LinkedHashMap<>(canaryLabels);
            moved.put(SubsetVersions.key(canaryLabels), request.version());
            canaryLabels = moved;
        } else if (canary != null && !canary.equals(target.canary()) && !sides.fixedSubsets()) {
            // A recorded canary of an earlier release says nothing about this version's labels.
            canaryLabels = null;
        }
        if (canaryLabels == null) {
            // The subset is added later (addCanarySubset) with exactly this label.
            canaryLabels = Map.of("version", request.version());
        }
        Map<String, String> canarySide = canaryLabels;
        // Create-or-update is idempotent, so a conflict or a lost answer is retried from a fresh read.
        return retry.run(canaryRef(target, request.version()),
                p -> workloads.deploy(target.namespace(), target.service(), request, stableLabels, canarySide));
    }

    /** A side's pod labels (see {@link SideLabels}); a refused or failed read of its Service is reported like any other. */
    private Map<String, String> sideLabels(String namespace, com.fasterxml.jackson.databind.JsonNode destinationRule, Destination side) {
        ObjectRef ref = side.hasSubset()
                ? ObjectRef.destinationRule(namespace, destinationRule == null ? "(none)" : destinationRule.path("metadata").path("name").asText())
                : new ObjectRef(namespace, "Service", side.host().split("\\.")[0]);
        return retry.run(ref, p -> SideLabels.of(client, namespace, destinationRule, side));
    }

    private static ObjectRef canaryRef(ReleaseTarget target, String version) {
        return ObjectRef.deployment(target.namespace(), CanaryWorkloads.canaryName(target.service(), version));
    }

    /**
     * After a promotion: deletes the Deployments of the old stable side (not those of the new one).
     *
     * @param fixedStableBefore fixed-subset layout: the stable subset's labels before the promotion
     *                          moved them (null otherwise)
     */
    public List<String> deleteOldStable(ReleaseTarget target, RouteOperation.Outcome promoted, Map<String, String> fixedStableBefore) {
        RouteSides used = promoted.plan().sides();
        Map<String, String> oldLabels = fixedStableBefore != null ? fixedStableBefore
                : sideLabels(target.namespace(), promoted.plan().subsets(), used.stable());
        Map<String, String> newLabels = sideLabels(target.namespace(), promoted.plan().subsets(), used.canary());
        if (oldLabels == null || newLabels == null || oldLabels.equals(newLabels)) {
            return List.of();
        }
        return retry.run(new ObjectRef(target.namespace(), "Deployment", "(serving " + used.stable() + ")"),
                p -> workloads.deleteOldStable(target.namespace(), oldLabels, newLabels));
    }
}
