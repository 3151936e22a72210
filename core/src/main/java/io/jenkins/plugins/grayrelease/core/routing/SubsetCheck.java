package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.MissingObjectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Istio drops traffic sent to a subset the DestinationRule does not define, so every subset a
 * release routes to must exist; the canary subset may be added when the caller asks for it.
 */
public final class SubsetCheck {

    private SubsetCheck() {
    }

    /**
     * @param stableUsed whether the change routes to the stable side (promote does not)
     * @param canaryUsed whether the change routes to the canary side
     * @return the DestinationRule with the canary subset added, or null when nothing must be added
     */
    public static ObjectNode check(RoutingInput in, boolean stableUsed, boolean canaryUsed) {
        Destination stable = stableUsed ? in.sides().stable() : null;
        Destination canary = canaryUsed ? in.sides().canary() : null;
        boolean stableNeedsDr = stable != null && stable.hasSubset();
        boolean canaryNeedsDr = canary != null && canary.hasSubset();
        if (!stableNeedsDr && !canaryNeedsDr) {
            return null;
        }
        if (in.subsets() == null) {
            throw new MissingObjectException(in.subsetsRef(),
                    "The release routes to subsets, which a DestinationRule must define; create it, or name yours (grayctl --destination-rule; Jenkins destinationRule:)");
        }
        List<String> existing = names(in.subsets());
        if (stableNeedsDr && !existing.contains(stable.subset())) {
            throw missing(in, stable.subset(), existing, "the stable");
        }
        if (!canaryNeedsDr || existing.contains(canary.subset())) {
            return null;
        }
        if (!in.addCanarySubset()) {
            throw missing(in, canary.subset(), existing, "the canary");
        }
        return withSubset(in.subsets(), canary.subset(), in.canarySubsetLabels());
    }

    public static List<String> names(JsonNode destinationRule) {
        List<String> names = new ArrayList<>();
        if (destinationRule != null) {
            for (JsonNode subset : destinationRule.path("spec").path("subsets")) {
                names.add(subset.path("name").asText());
            }
        }
        return names;
    }

    /** The labels of a subset, or null when the DestinationRule has no such subset. */
    public static Map<String, String> labels(JsonNode destinationRule, String subset) {
        if (destinationRule == null) {
            return null;
        }
        for (JsonNode s : destinationRule.path("spec").path("subsets")) {
            if (subset.equals(s.path("name").asText())) {
                Map<String, String> labels = new java.util.LinkedHashMap<>();
                s.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                return labels;
            }
        }
        return null;
    }

    private static InvalidReleaseException missing(RoutingInput in, String subset, List<String> existing, String side) {
        String add = side.equals("the canary") ? ", or ask for it to be added (grayctl --add-canary-subset; Jenkins addCanarySubset: true)" : "";
        return new InvalidReleaseException(in.subsetsRef(), "spec.subsets",
                side + " subset '" + subset + "' does not exist; existing subsets: "
                        + (existing.isEmpty() ? "(none)" : String.join(", ", existing)),
                "Add the subset to the DestinationRule" + add);
    }

    private static ObjectNode withSubset(ObjectNode destinationRule, String subset, Map<String, String> labels) {
        ObjectNode after = destinationRule.deepCopy();
        ObjectNode spec = after.has("spec") && after.get("spec").isObject() ? (ObjectNode) after.get("spec") : after.putObject("spec");
        ArrayNode subsets = spec.has("subsets") && spec.get("subsets").isArray() ? (ArrayNode) spec.get("subsets") : spec.putArray("subsets");
        ObjectNode added = subsets.addObject();
        added.put("name", subset);
        ObjectNode labelNode = added.putObject("labels");
        if (labels.isEmpty()) {
            labelNode.put("version", subset);
        } else {
            labels.forEach(labelNode::put);
        }
        return after;
    }
}
