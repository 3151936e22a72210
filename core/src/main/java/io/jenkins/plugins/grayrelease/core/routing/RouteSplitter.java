package io.jenkins.plugins.grayrelease.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;

/**
 * Edits the weighted destinations of the managed route in place: existing entries keep their
 * other fields (port, header rewrites) and position; a missing side is added next to them.
 */
final class RouteSplitter {

    private final ObjectRef vsRef;
    private final String field;
    private final ObjectNode managed;

    /** @param field how errors name the managed route's destinations, e.g. {@code spec.http[primary].route} */
    RouteSplitter(ObjectRef vsRef, String field, ObjectNode managed) {
        this.vsRef = vsRef;
        this.field = field;
        this.managed = managed;
    }

    /** A managed route sending to a third destination cannot be split so that weights add up to 100. */
    void checkOnlyOurDestinations(Destination stable, Destination canary) {
        ArrayNode dests = destinations();
        for (JsonNode entry : dests) {
            if (!HttpRoutes.entrySendsTo(entry, stable, vsRef.namespace()) && !HttpRoutes.entrySendsTo(entry, canary, vsRef.namespace())) {
                JsonNode d = entry.path("destination");
                throw new InvalidReleaseException(vsRef, field,
                        "sends traffic to " + d.path("host").asText() + (d.has("subset") ? "/" + d.path("subset").asText() : "")
                                + ", which is neither the stable (" + stable + ") nor the canary (" + canary + ")",
                        "Check the stable and canary destinations, or manage another route");
            }
        }
    }

    /** Stable and canary with the given weights; both entries stay present (weight 0 included). */
    void split(Destination stable, int stableWeight, Destination canary, int canaryWeight) {
        ArrayNode dests = destinations();
        ObjectNode stableEntry = entry(dests, stable);
        ObjectNode canaryEntry = entry(dests, canary);
        if (stableEntry == null) {
            stableEntry = newEntry(stable, canaryEntry);
            dests.insert(0, stableEntry);
        }
        if (canaryEntry == null) {
            canaryEntry = newEntry(canary, stableEntry);
            dests.add(canaryEntry);
        }
        stableEntry.put("weight", stableWeight);
        canaryEntry.put("weight", canaryWeight);
    }

    /** All traffic to {@code winner}; the other side's entry is removed. */
    void single(Destination winner, Destination loser) {
        ArrayNode dests = destinations();
        ObjectNode winnerEntry = entry(dests, winner);
        ObjectNode loserEntry = loser == null ? null : entry(dests, loser);
        if (winnerEntry == null) {
            winnerEntry = newEntry(winner, loserEntry);
            dests.add(winnerEntry);
        }
        for (int i = dests.size() - 1; i >= 0; i--) {
            if (dests.get(i) != winnerEntry) {
                dests.remove(i);
            }
        }
        winnerEntry.put("weight", 100);
    }

    /** The weight the managed route sends to {@code side} now. */
    int weightOf(Destination side) {
        ArrayNode dests = destinations();
        int weight = 0;
        for (JsonNode entry : dests) {
            if (HttpRoutes.entrySendsTo(entry, side, vsRef.namespace())) {
                weight += HttpRoutes.weightOf(entry, dests.size());
            }
        }
        return weight;
    }

    /** Checks the managed route's weights: integers 0-100 that sum to exactly 100. */
    void checkWeights() {
        ArrayNode dests = destinations();
        int sum = 0;
        for (JsonNode entry : dests) {
            int w = HttpRoutes.weightOf(entry, dests.size());
            if (w < 0 || w > 100) {
                throw new InvalidReleaseException(vsRef, field, "a weight of " + w + " is outside 0-100", "Fix the weights by hand");
            }
            sum += w;
        }
        if (sum != 100) {
            throw new InvalidReleaseException(vsRef, field, "the weights add up to " + sum + ", not 100",
                    "Fix the weights so that they add up to 100, then retry");
        }
    }

    private ArrayNode destinations() {
        ArrayNode dests = HttpRoutes.destinations(managed);
        if (dests == null || dests.isEmpty()) {
            throw new InvalidReleaseException(vsRef, field, "the managed route has no weighted destinations",
                    "Manage a route that sends traffic (route:), not a redirect or direct response");
        }
        return dests;
    }

    private ObjectNode entry(ArrayNode dests, Destination side) {
        for (JsonNode e : dests) {
            if (HttpRoutes.entrySendsTo(e, side, vsRef.namespace())) {
                return (ObjectNode) e;
            }
        }
        return null;
    }

    private ObjectNode newEntry(Destination side, ObjectNode sibling) {
        ObjectNode entry = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        entry.set("destination", HttpRoutes.destinationNode(side, sibling == null ? null : sibling.get("destination"), vsRef.namespace()));
        return entry;
    }
}
