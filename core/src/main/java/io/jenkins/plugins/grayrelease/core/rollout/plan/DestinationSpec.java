package io.jenkins.plugins.grayrelease.core.rollout.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.grayrelease.core.Destination;

/**
 * One side of the release in the plan: a plain string is a subset of the service's host
 * ({@code canary: v2}); an object names a host and optionally a subset
 * ({@code canary: {host: reviews-canary}}).
 */
public record DestinationSpec(String host, String subset) {
    @JsonCreator
    public DestinationSpec(@JsonProperty("host") String host, @JsonProperty("subset") String subset) {
        if ((host == null || host.isBlank()) && (subset == null || subset.isBlank())) {
            throw new IllegalArgumentException("give a subset (canary: v2) or a host (canary: {host: reviews-canary})");
        }
        this.host = host;
        this.subset = subset;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DestinationSpec subsetOnly(String subset) {
        return new DestinationSpec(null, subset);
    }

    /** The engine's destination; a subset without host lives on the service's own host. */
    public Destination toDestination(String service) {
        return new Destination(host == null || host.isBlank() ? service : host, subset);
    }
}
