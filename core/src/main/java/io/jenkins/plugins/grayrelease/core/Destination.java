package io.jenkins.plugins.grayrelease.core;

import java.util.Objects;

/**
 * Where one side of a release sends traffic: a subset of a host (the classic Istio layout,
 * {@code reviews} subsets {@code v1}/{@code v2}) or a host of its own ({@code reviews-canary}).
 *
 * @param host   the Istio destination host as written in the VirtualService (short or FQDN)
 * @param subset the DestinationRule subset, or {@code null} for the two-host layout
 */
public record Destination(String host, String subset) {

    public Destination {
        Objects.requireNonNull(host, "host");
        if (subset != null && subset.isBlank()) {
            subset = null;
        }
    }

    public static Destination subset(String host, String subset) {
        return new Destination(host, Objects.requireNonNull(subset, "subset"));
    }

    public static Destination host(String host) {
        return new Destination(host, null);
    }

    public boolean hasSubset() {
        return subset != null;
    }

    /** The short name users call this side by: the subset, or the host when there is none. */
    public String label() {
        return hasSubset() ? subset : host;
    }

    @Override
    public String toString() {
        return hasSubset() ? host + "/" + subset : host;
    }
}
