package io.jenkins.plugins.grayrelease.core.routing.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;

/**
 * Edits the managed rule's {@code backendRefs} in place: existing entries keep their other fields
 * (port, filters) and position; a missing side is added as a copy of the other side's entry (same
 * port), so the canary Service is reached the way the stable one is.
 */
final class BackendSplit {

    private final ObjectRef ref;
    private final String field;
    private final ObjectNode rule;
    private final String namespace;

    /** @param field how errors name the managed rule's backends, e.g. {@code spec.rules[1].backendRefs} */
    BackendSplit(ObjectRef ref, String field, ObjectNode rule) {
        this.ref = ref;
        this.field = field;
        this.rule = rule;
        this.namespace = ref.namespace();
    }

    /** A managed rule sending to a third backend cannot be split so that weights add up to 100. */
    void checkOnlyOurBackends(Destination stable, Destination canary) {
        for (JsonNode entry : refs()) {
            if (!HttpRouteRules.sendsTo(entry, stable, namespace) && !HttpRouteRules.sendsTo(entry, canary, namespace)) {
                throw new InvalidReleaseException(ref, field,
                        "sends traffic to " + HttpRouteRules.destination(entry, namespace)
                                + ", which is neither the stable Service (" + stable + ") nor the canary Service (" + canary + ")",
                        "Check the stable and canary Services, or manage another rule (route: NAME)");
            }
        }
    }

    /** Stable and canary with the given weights; both entries stay present (weight 0 included). */
    void split(Destination stable, int stableWeight, Destination canary, int canaryWeight) {
        ArrayNode refs = refs();
        ObjectNode stableEntry = entry(refs, stable);
        ObjectNode canaryEntry = entry(refs, canary);
        if (stableEntry == null) {
            stableEntry = copy(canaryEntry, stable);
            refs.insert(0, stableEntry);
        }
        if (canaryEntry == null) {
            canaryEntry = copy(stableEntry, canary);
            refs.add(canaryEntry);
        }
        stableEntry.put("weight", stableWeight);
        canaryEntry.put("weight", canaryWeight);
    }

    /** All traffic to {@code winner}; the other side's entry is removed. */
    void single(Destination winner, Destination loser) {
        ArrayNode refs = refs();
        ObjectNode winnerEntry = entry(refs, winner);
        if (winnerEntry == null) {
            ObjectNode loserEntry = loser == null ? null : entry(refs, loser);
            winnerEntry = copy(loserEntry != null ? loserEntry : (ObjectNode) refs.get(0), winner);
            refs.add(winnerEntry);
        }
        for (int i = refs.size() - 1; i >= 0; i--) {
            if (refs.get(i) != winnerEntry) {
                refs.remove(i);
            }
        }
        winnerEntry.put("weight", 100);
    }

    /** The share (percent of all weights) the rule sends to {@code side} now. */
    int percentOf(Destination side) {
        return percent(refs(), side, namespace);
    }

    static int percent(ArrayNode refs, Destination side, String namespace) {
        long total = 0;
        long mine = 0;
        for (JsonNode entry : refs) {
            int w = HttpRouteRules.weight(entry);
            total += w;
            if (HttpRouteRules.sendsTo(entry, side, namespace)) {
                mine += w;
            }
        }
        return total == 0 ? 0 : (int) Math.round(mine * 100.0 / total);
    }

    /**
     * The rule must send traffic somewhere. Gateway API weights are proportions, not percentages (a
     * lone backend of weight 1 takes everything), so weights the engine did not write are only
     * checked for sending something; the weights it writes are percentages adding up to 100.
     */
    void checkWeights() {
        long sum = 0;
        for (JsonNode entry : refs()) {
            int w = HttpRouteRules.weight(entry);
            if (w < 0) {
                throw new InvalidReleaseException(ref, field, "a weight of " + w + " is negative", "Fix the weights by hand");
            }
            sum += w;
        }
        if (sum == 0) {
            throw new InvalidReleaseException(ref, field, "every weight is 0, so the rule sends no traffic",
                    "Give the stable Service a weight, or set the canary weight again");
        }
    }

    private ArrayNode refs() {
        ArrayNode refs = HttpRouteRules.backendRefs(rule);
        if (refs == null || refs.isEmpty()) {
            throw new InvalidReleaseException(ref, field, "the managed rule has no backendRefs",
                    "Manage a rule that sends traffic to Services (route: NAME), not a redirect");
        }
        return refs;
    }

    private ObjectNode entry(ArrayNode refs, Destination side) {
        for (JsonNode e : refs) {
            if (HttpRouteRules.sendsTo(e, side, namespace)) {
                return (ObjectNode) e;
            }
        }
        return null;
    }

    /** A copy of {@code sibling} (port, filters, group and kind) sending to {@code side}'s Service. */
    private static ObjectNode copy(ObjectNode sibling, Destination side) {
        ObjectNode entry = sibling.deepCopy();
        String[] host = side.host().split("\\.");
        entry.put("name", host[0]);
        if (host.length > 1) {
            entry.put("namespace", host[1]);
        }
        return entry;
    }
}
