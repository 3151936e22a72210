package io.jenkins.plugins.grayrelease.core.routing;

import io.jenkins.plugins.grayrelease.core.Destination;

/**
 * The two sides of a release as resolved for one operation.
 *
 * @param stable the stable destination; never null once resolved
 * @param canary the canary destination, or null when no release is under way (rollback, status)
 */
public record RouteSides(Destination stable, Destination canary) {
}
