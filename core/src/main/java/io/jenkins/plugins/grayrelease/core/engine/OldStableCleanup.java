package io.jenkins.plugins.grayrelease.core.engine;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.MissingObjectException;
import io.jenkins.plugins.grayrelease.core.routing.RouteSides;
import io.jenkins.plugins.grayrelease.core.workload.CanaryWorkloads;
import io.jenkins.plugins.grayrelease.core.workload.SideSelector;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadReader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code promote --cleanup}: which Deployment of the old stable side goes, decided before the
 * promotion writes anything, and deleted after it with uid and resourceVersion preconditions.
 *
 * <p>Candidates are the Deployments the old stable side selects (its Service's selector <em>and</em> its
 * subset's labels, as Istio selects) and the new one does not, so a neighbour that merely shares a
 * {@code version: v1} label (Bookinfo's details-v1, ratings-v1, productpage-v1) never is one. Of them only
 * one the step names ({@code from}), the one the canary was created from (the canary's
 * {@code created-from} annotation), or one the engine created itself (it carries that annotation) may go;
 * more than one such is refused, naming them, and so is a candidate the engine may not touch.
 */
final class OldStableCleanup {

    /** The Deployment to delete after the promotion; null when there is nothing to clean up (see {@link #note}). */
    record Plan(Deployment victim, SideSelector oldSide, String note) {
    }

    private final IstioResources istio;
    private final RetryLoop retry;
    private final SideSelectors selectors;
    private final WorkloadReader reader;
    private final CanaryWorkloads workloads;

    OldStableCleanup(IstioResources istio, RetryLoop retry, SideSelectors selectors, WorkloadReader reader, CanaryWorkloads workloads) {
        this.istio = istio;
        this.retry = retry;
        this.selectors = selectors;
        this.reader = reader;
        this.workloads = workloads;
    }

    /** Decides before the promotion's first write; throws {@link InvalidReleaseException} when the clean-up is ambiguous or not allowed. */
    Plan plan(ReleaseTarget target, PromoteOptions options, SessionCache session) {
        Snapshot snap = retry.run(target.routingRef(), p -> Snapshot.read(istio, target));
        RouteSides sides = SideResolver.resolve(target, snap);
        if (sides.canary() == null) {
            return new Plan(null, null, null); // nothing to promote: nothing to clean up either
        }
        SideSelector oldSide = selectors.of(target, snap.subsets(), sides.stable(), session);
        SideSelector newSide = selectors.of(target, snap.subsets(), sides.canary(), session);
        if (oldSide == null || newSide == null || oldSide.labels().equals(newSide.labels())) {
            return new Plan(null, oldSide, null);
        }
        String namespace = SideSelectors.serviceOf(target, sides.stable()).namespace();
        List<Deployment> all = retry.run(new ObjectRef(namespace, "Deployment", "(list)"), "items", p -> reader.deployments(namespace));
        List<Deployment> newOnes = newSide.select(all);
        List<Deployment> candidates = oldSide.select(all).stream().filter(d -> !newOnes.contains(d)).toList();
        ObjectRef sideRef = new ObjectRef(namespace, "Deployment", "(serving " + oldSide.labelSelector() + ")");
        if (options.from() != null) {
            return new Plan(named(namespace, options.from(), candidates, oldSide, all), oldSide, null);
        }
        Set<String> createdFrom = newOnes.stream().map(OldStableCleanup::createdFrom).filter(Objects::nonNull).collect(Collectors.toSet());
        List<Deployment> allowed = candidates.stream().filter(d -> createdFrom.contains(name(d)) || createdFrom(d) != null).toList();
        if (allowed.size() > 1) {
            throw new InvalidReleaseException(sideRef, "cleanup", "several Deployments of the old stable side may be deleted: " + names(allowed),
                    "Name the one to delete with from (grayctl promote --cleanup --from NAME; Jenkins grayPromote(cleanup: true, from: 'NAME'))."
                            + " Nothing was changed");
        }
        if (allowed.isEmpty() && !candidates.isEmpty()) {
            throw new InvalidReleaseException(sideRef, "cleanup", "the old stable side's Deployments " + names(candidates)
                    + " were not created by Gray Release for this release (no " + CanaryWorkloads.CREATED_FROM + " annotation names them)",
                    "Name the one to delete with from (grayctl promote --cleanup --from NAME; Jenkins grayPromote(cleanup: true, from: 'NAME')),"
                            + " or promote without clean-up. Nothing was changed");
        }
        return allowed.isEmpty()
                ? new Plan(null, oldSide, "Nothing to clean up: no Deployment serves the old stable side (" + oldSide.labelSelector() + ").")
                : new Plan(allowed.get(0), oldSide, null);
    }

    private static Deployment named(String namespace, String from, List<Deployment> candidates, SideSelector oldSide, List<Deployment> all) {
        ObjectRef ref = ObjectRef.deployment(namespace, from);
        if (all.stream().noneMatch(d -> from.equals(name(d)))) {
            throw new MissingObjectException(ref, "Name a Deployment of the old stable side with from: " + names(candidates) + ". Nothing was changed");
        }
        return candidates.stream().filter(d -> from.equals(name(d))).findFirst().orElseThrow(() -> new InvalidReleaseException(ref, "from",
                "its pods are not the old stable side's (" + oldSide.labelSelector() + "), or they are the new stable's",
                "Name a Deployment of the old stable side: " + names(candidates) + ". Nothing was changed"));
    }

    /**
     * Deletes the planned Deployment if it is still the one decided on (same uid) and still serves only
     * the old stable side, with uid and resourceVersion preconditions taken from a fresh read.
     *
     * @return the sentence saying what was deleted, or why nothing was
     */
    String delete(Plan plan) {
        if (plan.victim() == null) {
            return plan.note();
        }
        Deployment planned = plan.victim();
        ObjectRef ref = ObjectRef.deployment(planned.getMetadata().getNamespace(), name(planned));
        return retry.run(ref, p -> {
            Deployment now = reader.get(ref.namespace(), ref.name());
            if (now == null || !Objects.equals(now.getMetadata().getUid(), planned.getMetadata().getUid())) {
                return "Clean-up: " + ref + " is gone already" + (now == null ? "" : " (the Deployment of that name now is another one, left alone)") + ".";
            }
            if (plan.oldSide().select(List.of(now)).isEmpty()) {
                return "Clean-up: " + ref + " left alone: its pods no longer carry " + plan.oldSide().labelSelector() + ".";
            }
            boolean deleted = workloads.delete(now);
            return deleted ? "Clean-up: deleted " + ref + " (the old stable)." : "Clean-up: " + ref + " is gone already.";
        });
    }

    private static String createdFrom(Deployment d) {
        Map<String, String> annotations = d.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(CanaryWorkloads.CREATED_FROM);
    }

    private static String name(Deployment d) {
        return d.getMetadata().getName();
    }

    private static List<String> names(List<Deployment> deployments) {
        return deployments.stream().map(OldStableCleanup::name).toList();
    }
}
