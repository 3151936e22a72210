package io.jenkins.plugins.grayrelease.core;

/**
 * How {@code promote} ends a release.
 *
 * @param write   dry run and subset options
 * @param cleanup delete the old stable Deployment once all traffic is on the canary
 */
public record PromoteOptions(WriteOptions write, boolean cleanup) {

    public static PromoteOptions defaults() {
        return new PromoteOptions(WriteOptions.defaults(), false);
    }
}
