package io.jenkins.plugins.grayrelease.core;

import java.time.Duration;

/**
 * How often a guarded write is re-planned after a conflict (409) or a transient failure
 * (5xx, timeout), and how long it waits in between.
 *
 * <p>The wait before retry {@code n} (1-based) is drawn uniformly from
 * {@code [0, min(maxBackoff, initialBackoff * 2^(n-1))]} ("full jitter"). Without the random
 * draw, writers that collided once wait exactly as long as each other and collide again: every
 * round only one of them wins, so a burst of N writers needs N rounds and the last one runs out
 * of attempts. With it, the colliding writers spread over a window that doubles until they
 * rarely overlap.
 *
 * <p>Conflicts and server faults have separate bounds because they mean different things: a
 * conflict says someone else's write succeeded (the system makes progress, keep trying), a
 * 5xx or a timeout says the server is in trouble (give up soon, with a clear error). After
 * {@code maxAttempts} conflicts the operation ends with
 * {@link io.jenkins.plugins.grayrelease.core.errors.ConflictException}; after
 * {@code maxFaultAttempts} faults with a
 * {@link io.jenkins.plugins.grayrelease.core.errors.ClusterApiException}.
 *
 * @param maxAttempts      attempts that may end in a conflict, at least 1
 * @param maxFaultAttempts attempts that may end in a server fault (5xx, timeout), at least 1
 * @param initialBackoff   the upper end of the first wait
 * @param maxBackoff       the upper end no wait exceeds
 */
public record RetryPolicy(int maxAttempts, int maxFaultAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1 || maxFaultAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts and maxFaultAttempts must be at least 1");
        }
        if (initialBackoff == null || maxBackoff == null || initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff and maxBackoff must be given and not negative");
        }
    }

    /** The same bound for conflicts and faults. */
    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this(maxAttempts, maxAttempts, initialBackoff, maxBackoff);
    }

    /**
     * 50 attempts for conflicts, 8 for server faults; waits drawn from a window starting at 25 ms and doubling up to 1 s.
     *
     * <p>Sized for contention, not for the single conflict: a write guarded by the whole
     * VirtualService's resourceVersion (a managed route found by the default rule) conflicts with
     * any other write of the object. A burst of 20 such writers starting together stops overlapping
     * once their windows reach about 20 × one attempt (10–30 ms on a real API server), after
     * 5 or 6 failures; under sustained contention (20 writers × 100 changes, when every write was
     * guarded so) the slowest change needed 34 and 37 attempts in two measured runs, hence the
     * margin up to 50. Writes guarded by their own route (a named route) conflict only with
     * writers of the same route: the same test then needs at most 1.05 attempts per change.
     * A write that conflicts
     * every time gives up after about 45 s of waiting at most (the sum of the windows; half
     * that on average). A server that fails every request is reported after 8 attempts, at
     * most about 2.6 s of waiting plus the requests' own timeouts, so that a person at a
     * terminal hears about a broken API server quickly. An uncontended write never waits.
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(50, 8, Duration.ofMillis(25), Duration.ofSeconds(1));
    }
}
