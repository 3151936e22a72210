package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;

/**
 * The pure part of every route operation: from the VirtualService and DestinationRule as read
 * and the requested change to the VirtualService as it should be. Touches only the managed
 * route's destinations and mirror, and the engine's own {@code gray-} routes; validates all of
 * it before returning, so that the writer never starts a change that cannot finish.
 */
public final class IstioRoutePlanner {

    private IstioRoutePlanner() {
    }

    public static RoutePlan plan(RoutingInput in) {
        ObjectRef vsRef = in.routingRef();
        RouteChange change = in.change();
        RequestValidator.validate(change, vsRef);
        Destination stable = in.sides().stable();
        Destination canary = in.sides().canary();
        if (change.needsCanary() && canary == null) {
            throw new InvalidReleaseException(vsRef, "canary",
                    "no canary destination was given and no release is recorded on the VirtualService",
                    "Give the canary (subset or host) for this release");
        }
        if (canary != null && canary.equals(stable)) {
            throw new InvalidReleaseException(vsRef, "canary", "the canary " + canary + " is the stable destination",
                    "Give the new version's subset or host as the canary");
        }
        boolean fixed = in.sides().fixedSubsets();
        if (fixed) {
            FixedSubsets.checkSides(in);
        }
        // Promotion sends nothing to the old stable, so its subset may already be gone (not so with fixed subsets).
        ObjectNode destinationRule = SubsetCheck.check(in, fixed || !(change instanceof RouteChange.Promote),
                change.needsCanary() || (fixed && canary != null));

        ObjectNode after = in.routing().deepCopy();
        ManagedRouteResolver.Managed where = ManagedRouteResolver.locate(after, vsRef, in.ruleName(), stable, canary);
        ObjectNode managed = (ObjectNode) where.in(after);
        if (!where.isHttp()) {
            checkWeightsOnly(change, where, vsRef);
        }
        ArrayNode http = HttpRoutes.http(after);
        String testerName = HttpRoutes.testerRouteName(HttpRoutes.name(managed));
        RouteSplitter splitter = new RouteSplitter(vsRef, where.isHttp() ? "spec.http[" + HttpRoutes.label(managed, where.index()) + "].route"
                : "spec." + where.kind() + "[" + where.index() + "].route", managed);
        splitter.checkOnlyOurDestinations(stable, canary);

        if (fixed && canary != null) {
            ObjectNode dr = destinationRule != null ? destinationRule : in.subsets();
            if (change instanceof RouteChange.Promote) {
                return promoteFixed(in, after, http, managed, splitter, testerName, dr);
            }
            if (sendsToCanary(change)) {
                boolean inUse = HttpRoutes.indexOf(http, testerName) >= 0
                        || (managed.has("mirror") && HttpRoutes.sameDestination(managed.get("mirror"), canary, vsRef.namespace()));
                ObjectNode retargeted = FixedSubsets.retarget(in, dr, splitter.weightOf(canary), inUse);
                if (retargeted != null) {
                    destinationRule = retargeted;
                    dr = retargeted;
                }
                FixedSubsets.checkDistinct(in, dr);
            }
        }

        if (change instanceof RouteChange.SetWeight w) {
            splitter.split(stable, 100 - w.canaryPercent(), canary, w.canaryPercent());
        } else if (change instanceof RouteChange.SetTesters t) {
            removeRoute(http, testerName);
            http.insert(HttpRoutes.indexOfIdentity(http, managed), TesterRoutes.build(testerName, t.testers(), canary, managed, vsRef.namespace()));
        } else if (change instanceof RouteChange.RemoveTesters) {
            removeRoute(http, testerName);
        } else if (change instanceof RouteChange.SetMirror m) {
            if (m.percent() == 0) {
                removeMirror(managed, canary, vsRef);
            } else {
                setMirror(managed, canary, m.percent(), vsRef);
            }
        } else if (change instanceof RouteChange.Promote) {
            splitter.single(canary, stable);
            removeRoute(http, testerName);
            removeMirror(managed, canary, vsRef);
        } else if (change instanceof RouteChange.Rollback && fixed && canary != null) {
            // The fixed layout keeps both entries: only weights differ from what is in Git.
            splitter.split(stable, 100, canary, 0);
            removeRoute(http, testerName);
            removeMirror(managed, canary, vsRef);
        } else if (change instanceof RouteChange.Rollback) {
            splitter.single(stable, canary);
            removeRoute(http, testerName);
            removeMirror(managed, canary, vsRef);
        }
        splitter.checkWeights();
        return new RoutePlan(after, !after.path("spec").equals(in.routing().path("spec")), destinationRule);
    }

    /**
     * TCP and TLS routes carry weights only: Istio matches headers and cookies, and mirrors
     * requests, on HTTP routes alone (as Argo Rollouts does for its TCP/TLS routes).
     */
    private static void checkWeightsOnly(RouteChange change, ManagedRouteResolver.Managed where, ObjectRef vsRef) {
        String field = "spec." + where.kind() + "[" + where.index() + "]";
        String kind = where.kind().toUpperCase(java.util.Locale.ROOT);
        if (change instanceof RouteChange.SetTesters) {
            throw new InvalidReleaseException(vsRef, field,
                    "the managed route is a " + kind + " route; tester routes match HTTP headers and cookies, which a " + kind + " route does not see",
                    "Use weights only on this route, or manage an HTTP route for testers (route: NAME)");
        }
        if (change instanceof RouteChange.SetMirror m && m.percent() > 0) {
            throw new InvalidReleaseException(vsRef, field,
                    "the managed route is a " + kind + " route; Istio mirrors HTTP requests only",
                    "Use weights only on this route, or manage an HTTP route for a mirror (route: NAME)");
        }
    }

    private static boolean sendsToCanary(RouteChange change) {
        return (change instanceof RouteChange.SetWeight w && w.canaryPercent() > 0) || change instanceof RouteChange.SetTesters
                || (change instanceof RouteChange.SetMirror m && m.percent() > 0);
    }

    /**
     * Promotion in the fixed-subset layout, one valid state at a time: (1) all traffic to the
     * canary subset; (2) the stable subset takes the canary's labels (a DestinationRule write);
     * (3) all traffic back to the stable subset, which now selects the new version. Each call plans
     * the next step from what it reads, so an interrupted promotion resumes where it stopped.
     */
    private static RoutePlan promoteFixed(RoutingInput in, ObjectNode after, ArrayNode http, ObjectNode managed,
                                          RouteSplitter splitter, String testerName, ObjectNode dr) {
        Destination stable = in.sides().stable();
        Destination canary = in.sides().canary();
        ObjectNode drChange = null;
        if (FixedSubsets.labelsMoved(in, dr)) {
            splitter.split(stable, 100, canary, 0);
        } else if (splitter.weightOf(canary) < 100) {
            splitter.split(stable, 0, canary, 100);
        } else {
            drChange = FixedSubsets.moveStable(in, dr);
        }
        removeRoute(http, testerName);
        removeMirror(managed, canary, in.routingRef());
        splitter.checkWeights();
        return new RoutePlan(after, !after.path("spec").equals(in.routing().path("spec")), drChange);
    }

    private static void removeRoute(ArrayNode http, String name) {
        if (http == null) {
            return;
        }
        int at;
        while ((at = HttpRoutes.indexOf(http, name)) >= 0) {
            http.remove(at);
        }
    }

    private static void setMirror(ObjectNode managed, Destination canary, int percent, ObjectRef vsRef) {
        JsonNode existing = managed.get("mirror");
        if (existing != null && !HttpRoutes.sameDestination(existing, canary, vsRef.namespace())) {
            throw new InvalidReleaseException(vsRef, "spec.http[].mirror",
                    "the managed route already mirrors to " + existing.path("host").asText()
                            + " (not the canary); Gray Release does not replace a mirror it did not create",
                    "Remove that mirror from the managed route first");
        }
        // Spelled like the managed route's first destination (same namespace), but without its port.
        ArrayNode dests = HttpRoutes.destinations(managed);
        JsonNode reference = dests == null || dests.isEmpty() ? null : dests.get(0).path("destination");
        ObjectNode mirror = HttpRoutes.destinationNode(canary, null, vsRef.namespace());
        if (reference != null) {
            mirror.put("host", HostNames.spelledLike(canary.host(), reference.path("host").asText(null), vsRef.namespace()));
        }
        managed.set("mirror", mirror);
        managed.putObject("mirrorPercentage").put("value", (double) percent);
    }

    /** Removes the mirror only when it is ours (it mirrors to the canary); a user's mirror stays. */
    private static void removeMirror(ObjectNode managed, Destination canary, ObjectRef vsRef) {
        JsonNode existing = managed.get("mirror");
        if (existing != null && canary != null && HttpRoutes.sameDestination(existing, canary, vsRef.namespace())) {
            managed.remove("mirror");
            managed.remove("mirrorPercentage");
            managed.remove("mirrorPercent");
        }
    }
}
