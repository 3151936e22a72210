package io.jenkins.plugins.grayrelease.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.PlannedChange;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.cluster.GuardRefusedException;
import io.jenkins.plugins.grayrelease.core.cluster.GuardedPatch;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.errors.ClusterApiException;
import io.jenkins.plugins.grayrelease.core.routing.RouteChange;
import io.jenkins.plugins.grayrelease.core.routing.TrafficRouter;
import io.jenkins.plugins.grayrelease.core.routing.UnifiedDiff;
import io.jenkins.plugins.grayrelease.core.status.StatusAssembler;
import java.util.List;

/**
 * Runs one route operation: read, plan, and write the DestinationRule subset (its own guarded
 * patch, first) and then the VirtualService (routes and state in one guarded patch), re-planning
 * after every write or failure. A dry run stops after planning. In a session the read is the
 * session's memory ({@link SessionCache}) while it lasts; a refused or failed write drops it.
 */
public final class RouteOperation {

    private static final int HTTP_UNSUPPORTED_MEDIA_TYPE = 415;

    /** What the operation did, with the sides it used (promote's clean-up needs the old stable). */
    public record Outcome(OperationResult result, PlannedOperation plan) {
    }

    private final IstioResources istio;
    private final TrafficRouter router;
    private final OperationPlanner planner;
    private final RetryLoop retry;
    private final boolean serverDryRun;
    private final GuardedWriter writer;

    RouteOperation(IstioResources istio, TrafficRouter router, OperationPlanner planner, RetryLoop retry, boolean serverDryRun) {
        this.istio = istio;
        this.writer = new GuardedWriter(istio);
        this.router = router;
        this.planner = planner;
        this.retry = retry;
        this.serverDryRun = serverDryRun;
    }

    Outcome run(ReleaseTarget target, List<RouteChange> changes, WriteOptions options, SessionCache cache) {
        String ns = target.namespace();
        return retry.run(target.virtualServiceRef(), progress -> {
            int subsetWrites = 0;
            try {
                while (true) {
                    progress.touching(target.virtualServiceRef());
                    Snapshot snap = Snapshot.read(istio, target, router, cache, false);
                    PlannedOperation plan = planner.plan(target, snap, changes, options);
                    if (options.dryRun()) {
                        return dryRun(target, snap, plan);
                    }
                    if (!plan.drDiff().isEmpty()) {
                        if (subsetWrites++ > 0) {
                            throw new ClusterApiException(target.destinationRuleRef(), "spec.subsets",
                                    "the canary subset was written but is not there when read back",
                                    "Check for an admission webhook or controller that rewrites the DestinationRule", 0, null);
                        }
                        progress.planned();
                        progress.touching(target.destinationRuleRef());
                        ObjectNode dr = istio.patch(IstioResources.DESTINATION_RULE, ns, target.destinationRule(),
                                GuardedPatch.guarded(snap.destinationRule(), plan.drDiff()).toString());
                        progress.wrote();
                        if (cache != null) {
                            cache.storedDestinationRule(target.virtualServiceRef(), dr);
                        }
                        continue; // re-plan: the VirtualService plan must see the stored subset
                    }
                    if (plan.vsDiff().isEmpty()) {
                        // Nothing (left) to do: changed if an earlier attempt's change is what is now in place.
                        return new Outcome(result(target, snap.virtualService(), plan, progress.hasPlanned(), null), plan);
                    }
                    progress.planned();
                    GuardedWriter.Written stored = writer.write(target, snap.virtualService(), plan.virtualService(), cache);
                    progress.wrote();
                    PlannedChange written = new PlannedChange(stored.patch().toString(), diff(target, snap, plan), false);
                    return new Outcome(result(target, stored.stored(), plan, true, written), plan);
                }
            } catch (GuardRefusedException e) {
                throw e; // the session keeps the fresh read the refusal was checked against
            } catch (RuntimeException e) {
                if (cache != null) {
                    cache.forget(target.virtualServiceRef());
                }
                throw e;
            }
        });
    }

    private Outcome dryRun(ReleaseTarget target, Snapshot snap, PlannedOperation plan) {
        String patch = plan.vsDiff().isEmpty() ? "[]" : GuardedWriter.patch(target, snap.virtualService(), plan.virtualService()).toString();
        boolean validated = serverDryRun && !plan.isEmpty() && validateOnServer(plan);
        PlannedChange change = new PlannedChange(patch, diff(target, snap, plan), validated);
        ReleaseStatus status = StatusAssembler.assemble(target, plan.virtualService(), plan.destinationRule(), plan.resultSides(), router);
        return new Outcome(new OperationResult(status, !plan.isEmpty(), true, change), plan);
    }

    /**
     * The planned objects validated by the API server without storing them (see
     * {@link IstioResources#validateOnServer}). False when the server cannot do it (415: the
     * plain fabric8 mock server, which knows no server-side apply), which never stores anything
     * either. A 409 goes to the retry loop; a refusal (422) is the answer the user asked for and
     * is thrown.
     */
    private boolean validateOnServer(PlannedOperation plan) {
        try {
            if (!plan.drDiff().isEmpty()) {
                istio.validateOnServer(IstioResources.DESTINATION_RULE, plan.destinationRule());
            }
            if (!plan.vsDiff().isEmpty()) {
                istio.validateOnServer(IstioResources.VIRTUAL_SERVICE, plan.virtualService());
            }
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HTTP_UNSUPPORTED_MEDIA_TYPE) {
                return false;
            }
            throw e;
        }
    }

    private OperationResult result(ReleaseTarget target, ObjectNode vs, PlannedOperation plan, boolean changed, PlannedChange change) {
        ReleaseStatus status = StatusAssembler.assemble(target, vs, plan.destinationRule(), plan.resultSides(), router);
        return new OperationResult(status, changed, false, change == null ? new PlannedChange("[]", "", false) : change);
    }

    private static String diff(ReleaseTarget target, Snapshot snap, PlannedOperation plan) {
        String vs = ChangedRoutesDiff.of(target.virtualServiceRef().toString(), snap.virtualService(), plan.virtualService());
        if (plan.drDiff().isEmpty()) {
            return vs;
        }
        return UnifiedDiff.of(target.destinationRuleRef().toString(), yaml(snap.destinationRule()), yaml(plan.destinationRule())) + vs;
    }

    /** YAML without server bookkeeping that only distracts in a diff. */
    static String yaml(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        JsonNode metadata = copy.get("metadata");
        if (metadata instanceof ObjectNode m) {
            m.remove("managedFields");
        }
        return Serialization.asYaml(copy);
    }
}
