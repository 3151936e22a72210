package io.jenkins.plugins.grayrelease.core.engine;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.RetryPolicy;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.cluster.RouteResources;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.ReleaseStoppedException;
import io.jenkins.plugins.grayrelease.core.routing.RouteChange;
import io.jenkins.plugins.grayrelease.core.routing.RouteObservation;
import io.jenkins.plugins.grayrelease.core.routing.RouteSides;
import io.jenkins.plugins.grayrelease.core.routing.SubsetVersions;
import io.jenkins.plugins.grayrelease.core.routing.TrafficRouter;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.RecordLocator;
import io.jenkins.plugins.grayrelease.core.state.ReleaseListing;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import io.jenkins.plugins.grayrelease.core.status.StatusAssembler;
import io.jenkins.plugins.grayrelease.core.workload.CanaryDeployment;
import io.jenkins.plugins.grayrelease.core.workload.CanaryWorkloads;
import io.jenkins.plugins.grayrelease.core.routing.SubsetCheck;
import io.jenkins.plugins.grayrelease.core.workload.SideSelector;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadReader;
import io.jenkins.plugins.grayrelease.core.workload.PodTemplateDigest;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadStatus;
import io.jenkins.plugins.grayrelease.core.workload.CanaryScale;
import io.jenkins.plugins.grayrelease.core.workload.ReleaseWorkloads;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadWait;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadWatch;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The engine's parts wired together; {@link GrayRelease} is its public face. Every request to the
 * cluster runs inside {@link RetryLoop#run}, which turns the client's exceptions into the engine's.
 */
final class Engine {

    private final IstioResources istio;
    private final RouteOperation routes;
    private final StateRecorder recorder;
    private final CanaryWorkloads workloads;
    private final RetryLoop retry;
    private final Promotion promotion;
    private final SessionCache session;
    private final SideSelectors selectors;
    private final ReadinessGate gate;
    private final KubernetesClient client;
    private final SideWorkloads sideWorkloads;
    private final CanaryScaler scaler;
    /** The canary's scale and how to wait for it, or null: the engine leaves replicas alone. */
    private final Scaling scaling;

    /** How the canary is scaled while traffic shifts, and how its pods are waited for. */
    record Scaling(CanaryScale scale, WorkloadWait waiting) {
    }

    /**
     * @param session what a session remembers between operations (see {@link SessionCache}), or
     *                null: every operation reads what it needs
     */
    Engine(KubernetesClient client, Actor actor, RetryPolicy policy, boolean serverDryRun, Clock clock, SessionCache session) {
        this(client, actor, policy, serverDryRun, clock, session, null, ServerContact.of(client));
    }

    /**
     * @param scaling how the canary is scaled with its traffic, or null to leave its replicas alone
     * @param contact the server as messages name it, whether it answered yet, and who hears of retries
     */
    Engine(KubernetesClient client, Actor actor, RetryPolicy policy, boolean serverDryRun, Clock clock, SessionCache session,
           Scaling scaling, ServerContact contact) {
        this.session = session;
        this.client = client;
        this.scaling = scaling;
        this.istio = new IstioResources(client);
        this.retry = new RetryLoop(policy, contact);
        // One writer: route changes and rollout progress are guarded and stored the same way.
        GuardedWriter writer = new GuardedWriter(istio);
        this.selectors = new SideSelectors(client, retry);
        this.gate = new ReadinessGate(new WorkloadReader(client), selectors, retry);
        this.routes = new RouteOperation(istio, writer, new OperationPlanner(actor, clock), retry, serverDryRun, gate);
        this.recorder = new StateRecorder(istio, writer, retry, actor, clock);
        this.workloads = new CanaryWorkloads(client);
        this.promotion = new Promotion(routes, new OldStableCleanup(istio, retry, selectors, new WorkloadReader(client), workloads));
        this.sideWorkloads = new SideWorkloads(new WorkloadReader(client), selectors, retry, session);
        this.scaler = new CanaryScaler(client, istio, retry, sideWorkloads);
    }

    RouteOperation.Outcome route(ReleaseTarget target, RouteChange change, WriteOptions options) {
        return routes.run(target, List.of(change), options, session);
    }

    /** Several changes planned together and written as one guarded patch. */
    RouteOperation.Outcome route(ReleaseTarget target, List<RouteChange> changes, WriteOptions options) {
        return routes.run(target, changes, options, session);
    }

    /** A weight change; with a canary scale, the canary has the replicas for it before it rises and keeps them until it has fallen. */
    OperationResult setWeight(ReleaseTarget target, int canaryPercent, WriteOptions options) {
        return apply(target, List.of(new RouteChange.SetWeight(canaryPercent)), options);
    }

    /** Several changes in one guarded write; with a canary scale, a weight among them is scaled for like {@link #setWeight}. */
    OperationResult apply(ReleaseTarget target, List<RouteChange> changes, WriteOptions options) {
        Optional<Integer> weight = changes.stream().filter(RouteChange.SetWeight.class::isInstance)
                .map(c -> ((RouteChange.SetWeight) c).canaryPercent()).reduce((a, b) -> b);
        if (scaling == null || options.dryRun() || weight.isEmpty()) {
            return route(target, changes, options).result();
        }
        return scaler.around(target, weight.get(), scaling.scale(), scaling.waiting(), () -> route(target, changes, options).result());
    }

    /** Scales the canary for the share it has now and waits for its pods; needs a canary scale. */
    void scaleCanary(ReleaseTarget target) {
        if (scaling == null) {
            throw new IllegalStateException("no canary scale: use GrayRelease.withCanaryScale");
        }
        scaler.now(target, scaling.scale(), scaling.waiting());
    }

    /** See {@link GrayRelease#watchStatus}; a refused or failed watch is reported like any request (naming the verb). */
    void watchStatus(ReleaseTarget target, Consumer<ReleaseStatus> onChange, Duration bound) {
        retry.run(target.routingRef(), "watch", p -> {
            new StatusWatch(client).watch(target, () -> statusWithWorkloads(target), onChange, bound);
            return null;
        });
    }

    /** {@link #status} with each side's Deployments, their readiness and their pods' problem. */
    ReleaseStatus statusWithWorkloads(ReleaseTarget target) {
        return retry.run(target.routingRef(), p -> {
            Snapshot snap = Snapshot.read(istio, target, session, true);
            RouteSides sides = SideResolver.resolve(target, snap);
            ReleaseStatus status = StatusAssembler.assemble(target, snap.routing(), snap.subsets(), sides, snap.router());
            try {
                return status.withWorkloads(sideWorkloads.summarize(target, snap, sides));
            } catch (GrayReleaseException e) {
                // The routes are what a status is for: a namespace whose pods this identity may not list still has them.
                return status.withWorkloads(ReleaseWorkloads.unreadable(e.getMessage()));
            }
        });
    }

    /** Every release record in {@code namespace} (null: all namespaces); see {@link ReleaseLister}. */
    ReleaseListing releases(String namespace) {
        return new ReleaseLister(client, retry).list(namespace);
    }

    /** Reads the routing object (and subsets) from the server (a status is never answered from memory), and a session remembers them. */
    ReleaseStatus status(ReleaseTarget target) {
        return retry.run(target.routingRef(), p -> {
            Snapshot snap = Snapshot.read(istio, target, session, true);
            // A session's first read is what it knows of the release (a later stop by someone else is not taken as known).
            new StopRule(target.routingRef(), session).read(snap.state().state(), false, "status");
            RouteSides sides = SideResolver.resolve(target, snap);
            return StatusAssembler.assemble(target, snap.routing(), snap.subsets(), sides, snap.router());
        });
    }

    /** See {@link GrayRelease#checkCanaryReadiness}. */
    void checkCanaryReadiness(ReleaseTarget target) {
        if (!target.readinessGate()) {
            return;
        }
        retry.run(target.routingRef(), p -> {
            // In a session the routing object is the one last read or written: no request for it.
            Snapshot snap = Snapshot.read(istio, target, session, false);
            RouteSides sides = SideResolver.resolve(target, snap);
            if (sides.canary() == null) {
                return null;
            }
            RouteObservation now = snap.router().observe(snap.routing(), target.routingRef(), target.route(), sides);
            int share = Math.max(now.weights().canary(), Math.max(now.mirrorPercent(), now.testers().isEmpty() ? 0 : 1));
            if (share > 0) {
                gate.check(target, snap.subsets(), sides, share, session);
            }
            return null;
        });
    }

    /** See {@link GrayRelease#promote}. */
    OperationResult promote(ReleaseTarget target, PromoteOptions options) {
        boolean write = !options.write().dryRun();
        WorkloadWait wait = scaling != null ? scaling.waiting() : WorkloadWait.defaults();
        if (scaling != null && write) {
            // All traffic is about to go to the canary: it gets the replicas for 100 % first.
            scaler.beforePromotion(target, wait);
        }
        OldStable old = write && options.scaleDownDelay() != null && !options.cleanup() ? oldStable(target) : null;
        OperationResult result = promotion.run(target, options, session);
        if (old != null && !old.names().isEmpty() && result.status().phase() == Phase.PROMOTED) {
            // The sides as the promotion recorded them: the caller's names still call the old version stable.
            ReleaseTarget promoted = target.toBuilder().stable(result.status().stable()).canary(result.status().canary()).build();
            scaler.scaleDownOldStable(promoted, old.side(), old.names(), options.scaleDownDelay(), wait);
        }
        return result;
    }

    /** The stable side and its Deployments before a promotion moves the sides. */
    private record OldStable(Destination side, List<String> names) {
    }

    private OldStable oldStable(ReleaseTarget target) {
        Snapshot snap = retry.run(target.routingRef(), p -> Snapshot.read(istio, target));
        RouteSides sides = SideResolver.resolve(target, snap);
        return new OldStable(sides.stable(), sideWorkloads.of(target, snap, sides.stable()).stream().map(d -> d.getMetadata().getName()).toList());
    }

    /** See {@link GrayRelease#canaryMetricVersion}. */
    String canaryMetricVersion(ReleaseTarget target) {
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

    /** See {@link GrayRelease#stableMetricVersion}. */
    String stableMetricVersion(ReleaseTarget target) {
        Snapshot snap = retry.run(target.routingRef(), p -> Snapshot.read(istio, target));
        Destination stable = SideResolver.resolve(target, snap).stable();
        if (stable == null || !stable.hasSubset()) {
            return null;
        }
        String version = SubsetVersions.of(snap.subsets(), stable);
        return version != null ? version : stable.subset();
    }

    ReleaseStatus record(ReleaseTarget target, RolloutProgress progress, Phase phase) {
        return recorder.record(target, progress, phase, session);
    }

    ReleaseStatus answer(ReleaseTarget target, RolloutProgress asked, RolloutProgress.Answer answer) {
        return recorder.answer(target, asked, answer, session);
    }

    AutoCloseable watchRecord(ReleaseTarget target, Consumer<ReleaseState> onRecord) {
        TrafficRouter router = TrafficRouter.forKind(target.routeKind());
        return retry.run(target.routingRef(), p -> istio.watch(RouteResources.of(target.routeKind()),
                target.routingNamespace(), target.routingName(), routing -> {
                    ReleaseState state;
                    try {
                        state = RecordLocator.forTarget(routing, target, router).decoded().state();
                    } catch (RuntimeException unreadable) {
                        return; // the routing object is being edited into an invalid shape; the run's next write says so
                    }
                    onRecord.accept(state);
                }));
    }

    Optional<ReleaseStoppedException> stoppedElsewhere(ReleaseTarget target, ReleaseState now) {
        return session == null ? Optional.empty() : new StopRule(target.routingRef(), session).stoppedElsewhere(now);
    }

    /** See {@link GrayRelease#canaryPodTemplateDigest}. */
    String canaryPodTemplateDigest(ReleaseTarget target) {
        Snapshot snap = retry.run(target.routingRef(), p -> Snapshot.read(istio, target));
        Destination canary = SideResolver.resolve(target, snap).canary();
        if (canary == null) {
            return null;
        }
        SideSelector side;
        try {
            side = retry.run(target.routingRef(), p -> selectors.of(target, snap.subsets(), canary, session));
        } catch (InvalidReleaseException noSelector) {
            return null; // no pods to speak of yet; the run's first write reports the missing side
        }
        if (side == null || !side.consistent() || side.labels().isEmpty()) {
            return null;
        }
        // The canary's pods as Istio selects them: the Service's selector and the subset's labels.
        Map<String, String> labels = side.labels();
        return retry.run(ObjectRef.deployment(target.namespace(), "(serving " + canary + ")"),
                p -> PodTemplateDigest.of(client, target.namespace(), labels));
    }

    WorkloadStatus deployCanary(ReleaseTarget target, CanaryDeployment request) {
        Snapshot snap = retry.run(target.routingRef(), p -> Snapshot.read(istio, target));
        RouteSides sides = SideResolver.resolve(target, snap);
        SideSelector stableSide = selectors.of(target, snap.subsets(), sides.stable(), session);
        if (stableSide == null) {
            throw new InvalidReleaseException(target.destinationRuleRef(), "spec.subsets",
                    "the stable subset " + sides.stable().subset() + " does not exist", "Add the stable subset to the DestinationRule");
        }
        Destination canary = sides.canary();
        Map<String, String> canaryLabels = null;
        if (canary != null && sides.fixedSubsets()) {
            // The canary subset is pointed at this version by the next weight change (canaryVersion).
            Map<String, String> moved = new java.util.LinkedHashMap<>(SubsetCheck.labels(snap.subsets(), canary.subset()));
            moved.put(SubsetVersions.key(moved), request.version());
            canaryLabels = moved;
        } else if (canary != null && canary.equals(target.canary())) {
            // A recorded canary of an earlier release says nothing about this version's labels; a named one does.
            SideSelector canarySide = selectors.of(target, snap.subsets(), canary, session);
            canaryLabels = canarySide == null ? null : canarySide.subsetLabels().isEmpty() ? canarySide.serviceSelector() : canarySide.subsetLabels();
        }
        if (canaryLabels == null) {
            // The subset is added later (addCanarySubset) with exactly this label.
            canaryLabels = Map.of("version", request.version());
        }
        Map<String, String> canarySide = canaryLabels;
        // Create-or-update is idempotent, so a conflict or a lost answer is retried from a fresh read.
        return retry.run(canaryRef(target, request.version()),
                p -> workloads.deploy(target.namespace(), target.service(), request, stableSide, canarySide));
    }

    /** {@link #deployCanary}, then (unless told not to) waits for the canary's pods like {@code kubectl rollout status}. */
    WorkloadStatus deployCanary(ReleaseTarget target, CanaryDeployment request, WorkloadWait wait) {
        WorkloadStatus written = deployCanary(target, request);
        if (wait.enabled()) {
            // In the retry loop: a refused watch (403) is reported naming the verb, like any other request.
            retry.run(ObjectRef.deployment(target.namespace(), written.name()), "status",
                    p -> new WorkloadWatch(client).await(target.namespace(), written.name(), "canary", wait));
        }
        return written;
    }

    private static ObjectRef canaryRef(ReleaseTarget target, String version) {
        return ObjectRef.deployment(target.namespace(), CanaryWorkloads.canaryName(target.service(), version));
    }
}
