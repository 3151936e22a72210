package io.jenkins.plugins.grayrelease.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.WorkloadNotAvailableException;
import io.jenkins.plugins.grayrelease.core.routing.RouteObservation;
import io.jenkins.plugins.grayrelease.core.routing.RouteSides;
import io.jenkins.plugins.grayrelease.core.workload.CanaryScale;
import io.jenkins.plugins.grayrelease.core.workload.DeploymentWrites;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadWait;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadWatch;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Keeps the canary Deployment's replicas in step with its share of traffic (Argo Rollouts'
 * {@code setCanaryScale}): replicas are added, and waited for, before a weight rises; they are
 * removed only after it has fallen, so the canary never takes more traffic than its ready pods
 * can serve. The stable side keeps its replicas; they are the measure.
 *
 * <p>Each scale is read-decide-write in the retry loop, guarded by the Deployment's uid and
 * resourceVersion ({@link DeploymentWrites}).
 */
final class CanaryScaler {

    /** What a shift needs to know about the canary's size. */
    private record Sizes(Deployment canary, int stableReplicas, int current, int wanted) {
    }

    private final KubernetesClient client;
    private final IstioResources istio;
    private final RetryLoop retry;
    private final SideWorkloads sides;

    CanaryScaler(KubernetesClient client, IstioResources istio, RetryLoop retry, SideWorkloads sides) {
        this.client = client;
        this.istio = istio;
        this.retry = retry;
        this.sides = sides;
    }

    /**
     * Runs {@code shift} (the write that sends {@code weight} % to the canary) with the canary
     * scaled for that weight: up before it, and waited for; down after it.
     */
    OperationResult around(ReleaseTarget target, int weight, CanaryScale scale, WorkloadWait wait, Supplier<OperationResult> shift) {
        Snapshot snap = retry.run(target.routingRef(), p -> Snapshot.read(istio, target));
        Sizes sizes = sizes(target, snap, SideResolver.resolve(target, snap), weight, scale);
        if (sizes.wanted() > sizes.current()) {
            scale(target, sizes.canary(), sizes.wanted(), wait, "up");
        }
        OperationResult result = shift.get();
        if (sizes.wanted() < sizes.current() && !result.dryRun()) {
            scale(target, sizes.canary(), sizes.wanted(), wait, "down");
        }
        return result;
    }

    /** Scales the canary for the weight it has now, and waits for it (a plan's {@code setCanaryScale} step). */
    void now(ReleaseTarget target, CanaryScale scale, WorkloadWait wait) {
        Snapshot snap = retry.run(target.routingRef(), p -> Snapshot.read(istio, target));
        RouteSides resolved = SideResolver.resolve(target, snap);
        RouteObservation route = snap.router().observe(snap.routing(), target.routingRef(), target.route(), resolved);
        int weight = route.weights() == null ? 0 : route.weights().canary();
        Sizes sizes = sizes(target, snap, resolved, weight, scale);
        if (sizes.wanted() != sizes.current()) {
            scale(target, sizes.canary(), sizes.wanted(), wait, sizes.wanted() > sizes.current() ? "up" : "down");
        } else if (wait.enabled()) {
            String name = sizes.canary().getMetadata().getName();
            retry.run(ObjectRef.deployment(target.namespace(), name), "status",
                    p -> new WorkloadWatch(client).await(target.namespace(), name, "canary", wait));
        }
    }

    /**
     * Before a promotion sends it all traffic: the canary scaled to as many replicas as the stable
     * has (never fewer than it has now), and waited for.
     */
    void beforePromotion(ReleaseTarget target, WorkloadWait wait) {
        Snapshot snap = retry.run(target.routingRef(), p -> Snapshot.read(istio, target));
        RouteSides resolved = SideResolver.resolve(target, snap);
        if (resolved.canary() == null) {
            return; // promoted already, or nothing to promote: the promotion itself says which
        }
        Sizes sizes = sizes(target, snap, resolved, 100, new CanaryScale.MatchTraffic());
        if (sizes.wanted() > sizes.current()) {
            scale(target, sizes.canary(), sizes.wanted(), wait, "up");
        }
    }

    private Sizes sizes(ReleaseTarget target, Snapshot snap, RouteSides resolved, int weight, CanaryScale scale) {
        if (resolved.canary() == null) {
            throw new InvalidReleaseException(target.routingRef(), "canary", "no canary is named or recorded, so there is no canary Deployment to scale",
                    "Name the canary (--canary, canary:) or leave the canary scale out");
        }
        List<Deployment> canaries = sides.of(target, snap, resolved.canary());
        if (canaries.size() != 1) {
            throw new InvalidReleaseException(new ObjectRef(target.namespace(), "Deployment", "(canary " + resolved.canary() + ")"), "canaryScale",
                    canaries.isEmpty() ? "no Deployment's pods belong to the canary side, so none can be scaled"
                            : "several Deployments serve the canary side: " + canaries.stream().map(d -> d.getMetadata().getName()).toList()
                                    + "; the engine scales exactly one",
                    canaries.isEmpty() ? "Deploy the canary first (grayctl deploy, Jenkins grayDeploy), or leave the canary scale out"
                            : "Keep one Deployment per version, or leave the canary scale out and scale them yourself");
        }
        int stable = sides.of(target, snap, resolved.stable()).stream()
                .mapToInt(d -> Objects.requireNonNullElse(d.getSpec().getReplicas(), 1)).sum();
        Deployment canary = canaries.get(0);
        return new Sizes(canary, stable, Objects.requireNonNullElse(canary.getSpec().getReplicas(), 1), scale.replicasFor(stable, weight));
    }

    /**
     * After a promotion: the old stable's Deployments scaled to 0 once {@code delay} has passed,
     * and only when all traffic has left them: no side of the release selects their pods, and no
     * route of the routing object (the team's own, too) still sends to the old stable destination.
     *
     * @return the names scaled down
     */
    List<String> scaleDownOldStable(ReleaseTarget target, Destination oldSide, List<String> oldStable, java.time.Duration delay,
                                    WorkloadWait wait) {
        Snapshot snap = retry.run(target.routingRef(), p -> Snapshot.read(istio, target));
        if (oldSide.hasSubset() && sendsTo(snap.routing(), oldSide)) {
            wait.progress().accept("not scaling " + oldStable + " down: a route of " + target.routingRef() + " still sends to " + oldSide);
            return List.of();
        }
        RouteSides now = SideResolver.resolve(target, snap);
        List<String> serving = new java.util.ArrayList<>(sides.of(target, snap, now.stable()).stream().map(d -> d.getMetadata().getName()).toList());
        if (now.canary() != null) {
            sides.of(target, snap, now.canary()).forEach(d -> serving.add(d.getMetadata().getName()));
        }
        List<String> idle = oldStable.stream().filter(n -> !serving.contains(n)).toList();
        if (idle.isEmpty()) {
            wait.progress().accept("not scaling " + oldStable + " down: the release's sides still select their pods");
            return idle;
        }
        wait.progress().accept("scaling " + idle + " down to 0 in " + io.jenkins.plugins.grayrelease.core.support.Durations.format(delay)
                + ", when no traffic can reach them any more");
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkloadNotAvailableException(ObjectRef.deployment(target.namespace(), idle.get(0)),
                    "interrupted before the old stable was scaled down; the release is promoted",
                    "Scale it down yourself: kubectl scale deployment --replicas=0 " + String.join(" ", idle));
        }
        for (String name : idle) {
            ObjectRef ref = ObjectRef.deployment(target.namespace(), name);
            retry.run(ref, "spec.replicas", p -> {
                Deployment d = client.apps().deployments().inNamespace(target.namespace()).withName(name).get();
                return d == null ? null : new DeploymentWrites(client).scale(d, 0);
            });
            wait.progress().accept(ref + ": old stable scaled down to 0 replicas");
        }
        return idle;
    }

    /**
     * Whether any destination anywhere in the routing object is {@code side} (its host's short
     * name and its subset) and may get requests: a route entry with weight 0 gets none.
     */
    private static boolean sendsTo(JsonNode node, Destination side) {
        if (node.isObject() && node.path("destination").isObject() && node.path("weight").isInt() && node.path("weight").asInt() == 0) {
            return false;
        }
        if (node.isObject() && node.has("subset") && node.has("host")) {
            String host = node.path("host").asText().split("\\.")[0];
            if (host.equals(side.host().split("\\.")[0]) && side.subset().equals(node.path("subset").asText())) {
                return true;
            }
        }
        for (JsonNode child : node) {
            if (sendsTo(child, side)) {
                return true;
            }
        }
        return false;
    }

    /** Scales from a fresh read of the Deployment (a conflict retries), then waits for its pods when scaling up. */
    private void scale(ReleaseTarget target, Deployment read, int replicas, WorkloadWait wait, String direction) {
        String name = read.getMetadata().getName();
        ObjectRef ref = ObjectRef.deployment(target.namespace(), name);
        retry.run(ref, "spec.replicas", p -> {
            Deployment now = client.apps().deployments().inNamespace(target.namespace()).withName(name).get();
            if (now == null) {
                throw new WorkloadNotAvailableException(ref, "was deleted while the release scaled it", "Deploy the canary again");
            }
            return new DeploymentWrites(client).scale(now, replicas);
        });
        wait.progress().accept(ref + ": canary scaled " + direction + " to " + replicas + (replicas == 1 ? " replica" : " replicas"));
        if (wait.enabled() && "up".equals(direction)) {
            retry.run(ref, "status", p -> new WorkloadWatch(client).await(target.namespace(), name, "canary", wait));
        }
    }
}
