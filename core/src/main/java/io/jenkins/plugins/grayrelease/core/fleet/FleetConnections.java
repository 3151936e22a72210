package io.jenkins.plugins.grayrelease.core.fleet;

import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;

/**
 * How the coordinator reaches each target's cluster: the caller resolves the cluster name (a kubeconfig context
 * for grayctl, a credential id for Jenkins) into a connected engine. Called at most once per target and
 * {@link FleetRelease}, lazily, possibly from several threads at once (for different targets).
 */
@FunctionalInterface
public interface FleetConnections {

    /**
     * An engine connected to {@code target}'s cluster (the coordinator puts it in a session of its own).
     *
     * @throws io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException when the cluster cannot be reached or
     *     its credentials are unusable; the coordinator treats it as a failure of that target
     */
    GrayRelease connect(FleetTarget target);
}
