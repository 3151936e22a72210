package io.jenkins.plugins.grayrelease.core.routing.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.routing.RequestValidator;
import io.jenkins.plugins.grayrelease.core.routing.RouteChange;
import io.jenkins.plugins.grayrelease.core.routing.RoutePlan;
import io.jenkins.plugins.grayrelease.core.routing.RoutingInput;

/**
 * The pure part of every operation on an HTTPRoute: from the route as read and the intent to the
 * route as it should be. Touches only the managed rule's {@code backendRefs} and the engine's own
 * mirror filter on it, and the engine's own {@code gray-} rules; {@code parentRefs}, hostnames and
 * every other rule stay as they are. Validates all of it before returning.
 */
public final class HttpRoutePlanner {

    /** The most rules an HTTPRoute holds (the CRD's {@code maxItems}). */
    static final int MAX_RULES = 16;

    private HttpRoutePlanner() {
    }

    public static RoutePlan plan(RoutingInput in) {
        ObjectRef ref = in.routingRef();
        RouteChange change = in.change();
        RequestValidator.validate(change, ref);
        Destination stable = in.sides().stable();
        Destination canary = in.sides().canary();
        servicesOnly(ref, stable, "stable");
        servicesOnly(ref, canary, "canary");
        if (change.needsCanary() && canary == null) {
            throw new InvalidReleaseException(ref, "canary",
                    "no canary Service was given and no release is recorded on the HTTPRoute",
                    "Give the canary Service (e.g. reviews-canary) for this release");
        }
        if (canary != null && canary.equals(stable)) {
            throw new InvalidReleaseException(ref, "canary", "the canary " + canary + " is the stable Service",
                    "Give the new version's Service as the canary");
        }
        ObjectNode after = in.routing().deepCopy();
        ManagedRule where = ManagedRule.locate(after, ref, in.ruleName(), stable, canary);
        ObjectNode managed = (ObjectNode) where.in(after);
        ArrayNode rules = HttpRouteRules.rules(after);
        String testerName = HttpRouteRules.testerRuleName(HttpRouteRules.name(managed));
        String field = where.field(after);
        BackendSplit split = new BackendSplit(ref, field + ".backendRefs", managed);
        split.checkOnlyOurBackends(stable, canary);

        if (change instanceof RouteChange.SetWeight w) {
            split.split(stable, 100 - w.canaryPercent(), canary, w.canaryPercent());
        } else if (change instanceof RouteChange.SetTesters t) {
            removeRule(rules, testerName);
            if (rules.size() >= MAX_RULES) {
                throw new InvalidReleaseException(ref, "spec.rules", "has " + rules.size()
                        + " rules, the most an HTTPRoute holds; the tester rule would be one more",
                        "Merge or move rules to another HTTPRoute, or use weights without testers");
            }
            rules.insert(HttpRouteRules.indexOfIdentity(rules, managed),
                    TesterRules.build(testerName, t.testers(), canary, managed, ref.namespace()));
        } else if (change instanceof RouteChange.RemoveTesters) {
            removeRule(rules, testerName);
        } else if (change instanceof RouteChange.SetMirror m) {
            if (m.percent() == 0) {
                MirrorFilters.remove(managed, canary, ref.namespace());
            } else {
                MirrorFilters.set(managed, canary, m.percent(), ref, field + ".filters");
            }
        } else if (change instanceof RouteChange.Promote) {
            split.single(canary, stable);
            removeRule(rules, testerName);
            MirrorFilters.remove(managed, canary, ref.namespace());
        } else if (change instanceof RouteChange.Rollback) {
            split.single(stable, canary);
            removeRule(rules, testerName);
            MirrorFilters.remove(managed, canary, ref.namespace());
        }
        split.checkWeights();
        return new RoutePlan(after, !after.path("spec").equals(in.routing().path("spec")), null);
    }

    private static void servicesOnly(ObjectRef ref, Destination side, String which) {
        if (side != null && side.hasSubset()) {
            throw new InvalidReleaseException(ref, which, "the " + which + " side " + side
                    + " is a subset, but an HTTPRoute sends to Services (it has no subsets)",
                    "Name the " + which + " Service instead (e.g. reviews-" + which + ")");
        }
    }

    private static void removeRule(ArrayNode rules, String name) {
        int at;
        while ((at = HttpRouteRules.indexOf(rules, name)) >= 0) {
            rules.remove(at);
        }
    }
}
