package io.jenkins.plugins.grayrelease.core;

import java.time.Duration;

/**
 * How {@code promote} ends a release.
 *
 * @param write          dry run and subset options
 * @param cleanup        delete the old stable Deployment once all traffic is on the canary: only one the engine
 *                       created (it carries the {@code grayrelease.jenkins.io/created-from} annotation) or the
 *                       one the canary was created from, among those the old stable side selects (its Service's
 *                       selector and its subset's labels); several such Deployments are refused, naming them
 * @param from           with {@code cleanup}: the old stable Deployment to delete, by name (it must be one the old
 *                       stable side selects); null to find it as above
 * @param scaleDownDelay scale the old stable's Deployments to 0 replicas this long after all traffic
 *                       has left them (connections drain, every proxy has the new routes); null
 *                       leaves their replicas as they are. Ignored with {@code cleanup}, which removes it.
 */
public record PromoteOptions(WriteOptions write, boolean cleanup, String from, Duration scaleDownDelay) {

    public PromoteOptions {
        from = from == null || from.isBlank() ? null : from.trim();
        if (scaleDownDelay != null && scaleDownDelay.isNegative()) {
            throw new IllegalArgumentException("the scale-down delay is negative: " + scaleDownDelay);
        }
    }

    /** Without scaling the old stable down. */
    public PromoteOptions(WriteOptions write, boolean cleanup, String from) {
        this(write, cleanup, from, null);
    }

    /** Without a named Deployment, without scaling the old stable down. */
    public PromoteOptions(WriteOptions write, boolean cleanup) {
        this(write, cleanup, null, null);
    }

    public static PromoteOptions defaults() {
        return new PromoteOptions(WriteOptions.defaults(), false);
    }

    public PromoteOptions withScaleDownDelay(Duration delay) {
        return new PromoteOptions(write, cleanup, from, delay);
    }
}
