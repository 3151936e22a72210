package io.jenkins.plugins.grayrelease.core.engine;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.RetryPolicy;
import io.jenkins.plugins.grayrelease.core.cluster.ApiFaults;
import io.jenkins.plugins.grayrelease.core.cluster.ConnectionFault;
import io.jenkins.plugins.grayrelease.core.cluster.Forbidden;
import io.jenkins.plugins.grayrelease.core.errors.ApiUnreachableException;
import io.jenkins.plugins.grayrelease.core.errors.ClusterApiException;
import io.jenkins.plugins.grayrelease.core.errors.ConflictException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Runs read-plan-write attempts until one finishes: a conflict (409) or a transient fault
 * (5xx, timeout) starts over from a fresh read, after a random wait within a doubling window
 * (see {@link RetryPolicy}), up to the policy's bound. Because every attempt re-reads, a write that reached the server before its answer was
 * lost is seen as done by the next plan, never applied twice.
 */
final class RetryLoop {

    /** One read-plan-write attempt; it says which object it touches so errors can name it. */
    interface Attempt<T> {
        T run(Progress progress);
    }

    /** What the attempts have done so far. */
    static final class Progress {
        private ObjectRef touching;
        private String field;
        private boolean wrote;
        private boolean planned;

        void touching(ObjectRef object) {
            touching(object, null);
        }

        /** The attempt reads or writes {@code field} of {@code object}, which an error then names. */
        void touching(ObjectRef object, String field) {
            this.touching = object;
            this.field = field;
        }

        /** A change was stored, or sent and its answer lost. */
        void wrote() {
            this.wrote = true;
        }

        /** An attempt found something to change. */
        void planned() {
            this.planned = true;
        }

        /** True when some attempt found something to change (it may since have been stored by a lost answer or by another writer). */
        boolean hasPlanned() {
            return planned || wrote;
        }
    }

    /** Waits between attempts; a test records the waits instead. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final RetryPolicy policy;
    private final DoubleSupplier random;
    private final Sleeper sleeper;
    private final ServerContact contact;

    RetryLoop(RetryPolicy policy, ServerContact contact) {
        this(policy, () -> ThreadLocalRandom.current().nextDouble(), d -> Thread.sleep(d.toMillis()), contact);
    }

    RetryLoop(RetryPolicy policy, DoubleSupplier random, Sleeper sleeper) {
        this(policy, random, sleeper, ServerContact.unnamed());
    }

    /**
     * @param random  uniform draws in {@code [0, 1)}, for the jitter; called from the writing thread
     * @param sleeper how to wait
     * @param contact the server, as messages name it, whether it answered yet, and who hears of retries
     */
    RetryLoop(RetryPolicy policy, DoubleSupplier random, Sleeper sleeper, ServerContact contact) {
        this.policy = policy;
        this.random = random;
        this.sleeper = sleeper;
        this.contact = contact;
    }

    <T> T run(ObjectRef first, Attempt<T> attempt) {
        return run(first, null, attempt);
    }

    /**
     * Every failure of the client leaves as a {@link ClusterApiException} (or {@link ConflictException})
     * naming the object the attempt was touching, and {@code field} while it touches {@code first}.
     */
    <T> T run(ObjectRef first, String field, Attempt<T> attempt) {
        Progress progress = new Progress();
        progress.touching(first, field);
        int conflicts = 0;
        int faults = 0;
        while (true) {
            try {
                T result = attempt.run(progress);
                contact.answered();
                return result;
            } catch (KubernetesClientException e) {
                ApiFaults.Kind kind = ApiFaults.classify(e);
                // No HTTP answer: why not (refused, DNS, TLS, timeout, ...), from the exception's types.
                ConnectionFault unanswered = e.getCode() > 0 ? null : ConnectionFault.of(e);
                if (kind == ApiFaults.Kind.TRANSIENT && e.getCode() <= 0 && unanswered == null) {
                    // fabric8 reports some request timeouts as code -1 with neither a cause nor a server status.
                    unanswered = e.getCause() == null ? ConnectionFault.TIMEOUT : ConnectionFault.DROPPED;
                }
                if (unanswered == null) {
                    contact.answered();
                } else if (!contact.hasAnswered() && !progress.hasPlanned()) {
                    // Nothing was done yet, so no retry protects anything: say so now, not after eight attempts.
                    throw new ApiUnreachableException(contact.server(), unanswered, unanswered.describe(contact.requestTimeout()),
                            conflicts + faults + 1, e);
                }
                ObjectRef object = progress.touching;
                String touchedField = progress.field;
                Forbidden forbidden = Forbidden.of(e);
                if (forbidden != null) {
                    throw new ClusterApiException(object, touchedField, "permission denied (403): " + forbidden.describe()
                            + "; nothing of this operation was written by this request", forbidden.hint(), 403, e);
                }
                if (kind == ApiFaults.Kind.PERMANENT) {
                    throw new ClusterApiException(object, touchedField, "the API server refused the request (" + e.getCode() + "): "
                            + reason(e), "Check the object and your permissions; nothing of this operation was written by this request",
                            e.getCode(), e);
                }
                if (kind == ApiFaults.Kind.CONFLICT && ++conflicts >= policy.maxAttempts()) {
                    throw new ConflictException(object, conflicts, e);
                }
                if (kind == ApiFaults.Kind.TRANSIENT && ++faults >= policy.maxFaultAttempts()) {
                    String last = unanswered != null ? contact.server() + ": " + unanswered.describe(contact.requestTimeout())
                            : e.getCode() + ", " + reason(e);
                    throw new ClusterApiException(object, touchedField, "the API server failed on " + faults + " attempts (last: "
                            + last + "); the object is as the server last stored it",
                            "Check the API server's health and run the operation again; it is safe to repeat", e.getCode(), e);
                }
                if (kind == ApiFaults.Kind.TRANSIENT) {
                    // The request may have been applied before the answer was lost.
                    progress.wrote();
                    // Within one attempt's time the user hears what is happening, not only after the last one.
                    contact.announce("the API server " + contact.server() + (unanswered != null
                            ? ": " + unanswered.describe(contact.requestTimeout()) : " answered " + e.getCode() + " (" + reason(e) + ")")
                            + "; retrying (attempt " + (faults + 1) + " of " + policy.maxFaultAttempts() + ")");
                }
                sleep(backoff(conflicts + faults), object, e);
            }
        }
    }

    /** The wait after the {@code failures}-th failure: full jitter over the policy's doubling window. */
    Duration backoff(int failures) {
        Duration window = policy.initialBackoff().multipliedBy(1L << Math.min(failures - 1, 20));
        if (window.compareTo(policy.maxBackoff()) > 0) {
            window = policy.maxBackoff();
        }
        long millis = window.toMillis();
        return Duration.ofMillis(Math.min(millis, (long) (random.getAsDouble() * (millis + 1))));
    }

    private void sleep(Duration d, ObjectRef object, KubernetesClientException cause) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new ClusterApiException(object, null, "interrupted while waiting to retry", "Run the operation again", 0, cause);
        }
    }

    private static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
}
