package io.jenkins.plugins.grayrelease.core;

import java.time.Duration;

/**
 * How {@code promote} ends a release.
 *
 * @param write          dry run and subset options
 * @param cleanup        delete the old stable Deployment once all traffic is on the canary
 * @param scaleDownDelay scale the old stable Deployment to 0 replicas this long after all traffic
 *                       has left it (connections drain, every proxy has the new routes); null
 *                       leaves its replicas as they are. Ignored with {@code cleanup}, which removes it.
 */
public record PromoteOptions(WriteOptions write, boolean cleanup, Duration scaleDownDelay) {

    public PromoteOptions {
        if (scaleDownDelay != null && scaleDownDelay.isNegative()) {
            throw new IllegalArgumentException("the scale-down delay is negative: " + scaleDownDelay);
        }
    }

    /** Without scaling the old stable down. */
    public PromoteOptions(WriteOptions write, boolean cleanup) {
        this(write, cleanup, null);
    }

    public static PromoteOptions defaults() {
        return new PromoteOptions(WriteOptions.defaults(), false);
    }

    public PromoteOptions withScaleDownDelay(Duration delay) {
        return new PromoteOptions(write, cleanup, delay);
    }
}
