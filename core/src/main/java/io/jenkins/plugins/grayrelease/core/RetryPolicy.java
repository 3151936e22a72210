package io.jenkins.plugins.grayrelease.core;

import java.time.Duration;

/**
 * How often a guarded write is re-planned after a conflict (409) or a transient failure
 * (5xx, timeout), and how long it waits in between (doubling from {@code initialBackoff}).
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(8, Duration.ofMillis(20), Duration.ofSeconds(2));
    }
}
