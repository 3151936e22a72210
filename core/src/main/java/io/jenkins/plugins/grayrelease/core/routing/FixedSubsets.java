package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import java.util.Map;
import java.util.Objects;

/**
 * The fixed-subset layout's DestinationRule edits: subsets {@code stable} and {@code canary}
 * keep their names while their pod labels move. The engine points the canary subset at the
 * canary's version, and a promotion gives the stable subset the canary's labels. Pure, like the
 * planner: every method returns a changed copy or null, never modifies its input.
 */
final class FixedSubsets {

    private FixedSubsets() {
    }

    /** Both sides must be subsets, and both must exist (checked by {@link SubsetCheck} first). */
    static void checkSides(RoutingInput in) {
        Destination stable = in.sides().stable();
        Destination canary = in.sides().canary();
        if (!stable.hasSubset() || (canary != null && !canary.hasSubset())) {
            throw new InvalidReleaseException(in.routingRef(), "layout",
                    "the fixed-subset layout routes to two subsets of one host, but the "
                            + (stable.hasSubset() ? "canary " + canary : "stable " + stable) + " is a host without subset",
                    "Name the subsets (grayctl --stable stable --canary canary; Jenkins stable:/canary:), or choose layout per-version");
        }
    }

    /**
     * The DestinationRule with the canary subset selecting {@code in.canaryVersion()}, or null
     * when it already does (or no version was asked for). Moving the canary to other pods while it
     * takes traffic would send that traffic to a version nobody released, so it is refused then.
     *
     * @param dr              the DestinationRule as planned so far
     * @param canaryWeight    the canary's weight in the managed route as read
     * @param canaryInUse     whether testers or a mirror send to the canary now
     */
    static ObjectNode retarget(RoutingInput in, ObjectNode dr, int canaryWeight, boolean canaryInUse) {
        String version = in.canaryVersion();
        Destination canary = in.sides().canary();
        if (version == null || canary == null) {
            return null;
        }
        Map<String, String> labels = SubsetCheck.labels(dr, canary.subset());
        String key = SubsetVersions.key(labels);
        String current = labels == null ? null : labels.get(key);
        if (version.equals(current)) {
            return null;
        }
        if (canaryWeight > 0 || canaryInUse) {
            throw new InvalidReleaseException(in.subsetsRef(), "spec.subsets[" + canary.subset() + "].labels." + key,
                    "the canary subset selects " + key + "=" + current + " and takes traffic (" + canaryWeight + " %"
                            + (canaryInUse ? ", testers or mirror" : "") + "); moving it to " + version
                            + " would send that traffic to another version",
                    "Finish this release first (promote or roll back), then release " + version);
        }
        return withLabel(dr, canary.subset(), key, version);
    }

    /**
     * Refuses to send traffic to a canary subset that selects the same pods as the stable one:
     * nothing would be released, and analysis would measure the stable version.
     */
    static void checkDistinct(RoutingInput in, JsonNode dr) {
        Destination canary = in.sides().canary();
        Map<String, String> stableLabels = SubsetCheck.labels(dr, in.sides().stable().subset());
        Map<String, String> canaryLabels = SubsetCheck.labels(dr, canary.subset());
        if (Objects.equals(stableLabels, canaryLabels)) {
            throw new InvalidReleaseException(in.subsetsRef(), "spec.subsets[" + canary.subset() + "].labels",
                    "the canary subset selects the same pods as the stable subset (" + stableLabels + ")",
                    "Give the canary's version (grayctl --canary-version V; Jenkins canaryVersion:), which the engine sets on the canary subset");
        }
    }

    /** Whether the stable subset already selects what the canary subset selects (a promotion's labels have moved). */
    static boolean labelsMoved(RoutingInput in, JsonNode dr) {
        return Objects.equals(SubsetCheck.labels(dr, in.sides().stable().subset()),
                SubsetCheck.labels(dr, in.sides().canary().subset()));
    }

    /** The DestinationRule with the stable subset's labels replaced by the canary subset's. */
    static ObjectNode moveStable(RoutingInput in, ObjectNode dr) {
        ObjectNode after = dr.deepCopy();
        JsonNode canaryLabels = subset(after, in.sides().canary().subset()).path("labels").deepCopy();
        subset(after, in.sides().stable().subset()).set("labels", canaryLabels);
        return after;
    }

    private static ObjectNode withLabel(ObjectNode dr, String subset, String key, String value) {
        ObjectNode after = dr.deepCopy();
        ObjectNode s = subset(after, subset);
        ObjectNode labels = s.get("labels") instanceof ObjectNode l ? l : s.putObject("labels");
        labels.put(key, value);
        return after;
    }

    private static ObjectNode subset(ObjectNode dr, String name) {
        for (JsonNode s : dr.path("spec").path("subsets")) {
            if (name.equals(s.path("name").asText())) {
                return (ObjectNode) s;
            }
        }
        throw new IllegalStateException("subset " + name + " vanished after SubsetCheck");
    }
}
