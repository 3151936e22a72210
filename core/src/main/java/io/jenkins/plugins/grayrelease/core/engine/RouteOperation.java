package io.jenkins.plugins.grayrelease.core.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.PlannedChange;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.cluster.GuardedPatch;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.cluster.RouteResources;
import io.jenkins.plugins.grayrelease.core.errors.ClusterApiException;
import io.jenkins.plugins.grayrelease.core.routing.RouteChange;
import io.jenkins.plugins.grayrelease.core.state.RecordLocator;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import io.jenkins.plugins.grayrelease.core.support.DiffYaml;
import io.jenkins.plugins.grayrelease.core.support.UnifiedDiff;
import io.jenkins.plugins.grayrelease.core.status.StatusAssembler;
import java.util.List;
import io.jenkins.plugins.grayrelease.core.support.ChangedRoutesDiff;

/**
 * Runs one route operation on any provider: read, plan, and write the subset definitions
 * (Istio's DestinationRule, its own guarded patch, first) and then the routing object
 * (VirtualService or HTTPRoute: rules and state in one guarded patch), re-planning
 * after every write or failure. A dry run stops after planning. In a session the read is the
 * session's memory ({@link SessionCache}) while it lasts; a refused or failed write drops it.
 */
final class RouteOperation {

    private static final int HTTP_UNSUPPORTED_MEDIA_TYPE = 415;

    /** What the operation did, with the sides it used (promote's clean-up needs the old stable). */
    record Outcome(OperationResult result, PlannedOperation plan) {
    }

    private final IstioResources istio;
    private final OperationPlanner planner;
    private final RetryLoop retry;
    private final boolean serverDryRun;
    private final GuardedWriter writer;
    private final ReadinessGate gate;

    RouteOperation(IstioResources istio, GuardedWriter writer, OperationPlanner planner, RetryLoop retry, boolean serverDryRun,
                   ReadinessGate gate) {
        this.istio = istio;
        this.gate = gate;
        this.writer = writer;
        this.planner = planner;
        this.retry = retry;
        this.serverDryRun = serverDryRun;
    }

    Outcome run(ReleaseTarget target, List<RouteChange> changes, WriteOptions options, SessionCache cache) {
        String ns = target.namespace();
        int[] checkedShare = {-1};
        StopRule stops = new StopRule(target.routingRef(), cache);
        String move = changes.stream().map(RouteChange::describe).collect(java.util.stream.Collectors.joining(", "));
        return retry.run(target.routingRef(), progress -> {
            int subsetWrites = 0;
            try {
                while (true) {
                    progress.touching(target.routingRef());
                    Snapshot snap = Snapshot.read(istio, target, cache, false);
                    ReleaseState recorded = snap.state().state();
                    int weightNow = recorded == null ? 0 : recorded.weight();
                    stops.read(recorded, changes.stream().anyMatch(c -> c.movesForward(weightNow)), move);
                    PlannedOperation plan = planner.plan(target, snap, changes, options);
                    if (options.dryRun()) {
                        return dryRun(target, snap, plan);
                    }
                    int share = gate.shareToCheck(target, snap, plan);
                    if (share > checkedShare[0]) {
                        // Before the first write (the added subset's too); a re-plan after a write or a
                        // conflict is checked again only if it would send the canary more.
                        gate.check(target, plan.subsets(), plan.sides(), share, cache);
                        checkedShare[0] = share;
                    }
                    if (!plan.subsetsDiff().isEmpty()) {
                        if (subsetWrites++ > 0) {
                            throw new ClusterApiException(target.destinationRuleRef(), "spec.subsets",
                                    "the canary subset was written but is not there when read back",
                                    "Check for an admission webhook or controller that rewrites the DestinationRule", 0, null);
                        }
                        progress.planned();
                        progress.touching(target.destinationRuleRef());
                        ObjectNode dr = istio.patch(IstioResources.DESTINATION_RULE, ns, target.destinationRule(),
                                GuardedPatch.guarded(snap.subsets(), plan.subsetsDiff()).toString());
                        progress.wrote();
                        if (cache != null) {
                            cache.storedDestinationRule(target.routingRef(), dr);
                        }
                        continue; // re-plan: the VirtualService plan must see the stored subset
                    }
                    if (plan.routingDiff().isEmpty()) {
                        // Nothing (left) to do: changed if an earlier attempt's change is what is now in place.
                        OperationResult same = result(target, snap, snap.routing(), plan, progress.hasPlanned(), null);
                        return new Outcome(plan.note() == null ? same : same.withNote(plan.note()), plan);
                    }
                    progress.planned();
                    GuardedWriter.Written stored = writer.write(target, snap.routing(), plan.routing(), cache);
                    progress.wrote();
                    if (!options.dryRun()) {
                        stops.wrote(RecordLocator.forTarget(stored.stored(), target, snap.router()).decoded().state());
                    }
                    PlannedChange written = new PlannedChange(stored.patch().toString(), diff(target, snap, plan), false);
                    return new Outcome(result(target, snap, stored.stored(), plan, true, written), plan);
                }
            } catch (RuntimeException e) {
                throw FailedAttempt.forget(cache, target.routingRef(), e);
            }
        });
    }

    private Outcome dryRun(ReleaseTarget target, Snapshot snap, PlannedOperation plan) {
        String patch = plan.routingDiff().isEmpty() ? "[]" : GuardedWriter.patch(target, snap.routing(), plan.routing()).toString();
        boolean validated = serverDryRun && !plan.isEmpty() && validateOnServer(target, plan);
        PlannedChange change = new PlannedChange(patch, diff(target, snap, plan), validated);
        ReleaseStatus status = StatusAssembler.assemble(target, plan.routing(), plan.subsets(), plan.resultSides(), snap.router());
        OperationResult result = new OperationResult(status, !plan.isEmpty(), true, change);
        return new Outcome(plan.note() == null ? result : result.withNote(plan.note()), plan);
    }

    /**
     * The planned objects validated by the API server without storing them (see
     * {@link IstioResources#validateOnServer}). False when the server cannot do it (415: the
     * plain fabric8 mock server, which knows no server-side apply), which never stores anything
     * either. A 409 goes to the retry loop; a refusal (422) is the answer the user asked for and
     * is thrown.
     */
    private boolean validateOnServer(ReleaseTarget target, PlannedOperation plan) {
        try {
            if (!plan.subsetsDiff().isEmpty()) {
                istio.validateOnServer(IstioResources.DESTINATION_RULE, plan.subsets());
            }
            if (!plan.routingDiff().isEmpty()) {
                istio.validateOnServer(RouteResources.of(target.routeKind()), plan.routing());
            }
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HTTP_UNSUPPORTED_MEDIA_TYPE) {
                return false;
            }
            throw e;
        }
    }

    private OperationResult result(ReleaseTarget target, Snapshot snap, ObjectNode routing, PlannedOperation plan, boolean changed, PlannedChange change) {
        ReleaseStatus status = StatusAssembler.assemble(target, routing, plan.subsets(), plan.resultSides(), snap.router());
        return new OperationResult(status, changed, false, change == null ? new PlannedChange("[]", "", false) : change);
    }

    private static String diff(ReleaseTarget target, Snapshot snap, PlannedOperation plan) {
        String routes = ChangedRoutesDiff.of(target.routingRef().toString(), snap.routing(), plan.routing(), target.routeKind().rulesField());
        if (plan.subsetsDiff().isEmpty()) {
            return routes;
        }
        return UnifiedDiff.of(target.destinationRuleRef().toString(), DiffYaml.of(snap.subsets()), DiffYaml.of(plan.subsets())) + routes;
    }

}
