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
        ObjectRef vsRef = in.vsRef();
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
        // Promotion sends nothing to the old stable, so its subset may already be gone.
        ObjectNode destinationRule = SubsetCheck.check(in, !(change instanceof RouteChange.Promote), change.needsCanary());

        ObjectNode after = in.virtualService().deepCopy();
        ArrayNode http = HttpRoutes.http(after);
        int index = ManagedRouteResolver.resolve(after, vsRef, in.routeName(), stable, canary);
        ObjectNode managed = (ObjectNode) http.get(index);
        String testerName = HttpRoutes.testerRouteName(HttpRoutes.name(managed));
        RouteSplitter splitter = new RouteSplitter(vsRef, index, managed);
        splitter.checkOnlyOurDestinations(stable, canary);

        if (change instanceof RouteChange.SetWeight w) {
            splitter.split(stable, 100 - w.canaryPercent(), canary, w.canaryPercent());
        } else if (change instanceof RouteChange.SetTesters t) {
            removeRoute(http, testerName);
            http.insert(HttpRoutes.indexOfIdentity(http, managed), TesterRoutes.build(testerName, t.testers(), canary, managed));
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
        } else if (change instanceof RouteChange.Rollback) {
            splitter.single(stable, canary);
            removeRoute(http, testerName);
            removeMirror(managed, canary, vsRef);
        }
        splitter.checkWeights();
        return new RoutePlan(after, !after.path("spec").equals(in.virtualService().path("spec")), destinationRule);
    }

    private static void removeRoute(ArrayNode http, String name) {
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
        managed.set("mirror", HttpRoutes.destinationNode(canary, null));
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
