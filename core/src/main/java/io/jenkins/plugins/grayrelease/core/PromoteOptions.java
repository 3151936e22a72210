package io.jenkins.plugins.grayrelease.core;

/**
 * How {@code promote} ends a release.
 *
 * @param write   dry run and subset options
 * @param cleanup delete the old stable Deployment once all traffic is on the canary: only one the engine
 *                created (it carries the {@code grayrelease.jenkins.io/created-from} annotation) or the
 *                one the canary was created from, among those the old stable side selects (its Service's
 *                selector and its subset's labels); several such Deployments are refused, naming them
 * @param from    with {@code cleanup}: the old stable Deployment to delete, by name (it must be one the old
 *                stable side selects); null to find it as above
 */
public record PromoteOptions(WriteOptions write, boolean cleanup, String from) {

    public PromoteOptions {
        from = from == null || from.isBlank() ? null : from.trim();
    }

    /** Without a named Deployment. */
    public PromoteOptions(WriteOptions write, boolean cleanup) {
        this(write, cleanup, null);
    }

    public static PromoteOptions defaults() {
        return new PromoteOptions(WriteOptions.defaults(), false);
    }
}
