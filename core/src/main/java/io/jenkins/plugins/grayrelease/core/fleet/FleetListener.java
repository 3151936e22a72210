package io.jenkins.plugins.grayrelease.core.fleet;

import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;

/**
 * Progress of a fleet release, for a console log, a build page or a terminal. Called from the coordinator's
 * worker threads (several targets at once): implementations must be thread-safe. Every method has a do-nothing default.
 */
public interface FleetListener {

    /** Does nothing. */
    FleetListener NONE = new FleetListener() {
    };

    /** A wave begins: its targets are the ones the next weight steps write. */
    default void waveStarted(FleetWave wave) {
    }

    /** {@code target} stored {@code change} ("weight 10", "promote", "roll back"); {@code status} as written. */
    default void targetChanged(FleetTarget target, String change, ReleaseStatus status) {
    }

    /** {@code target} failed; the fleet is rolled back next (unless the failure was in the rollback itself). */
    default void targetFailed(FleetTarget target, GrayReleaseException failure) {
    }

    /** {@code target} could not be rolled back (or promoted); {@code command} finishes it by hand. */
    default void targetUnfinished(FleetOutcome.Unfinished unfinished) {
    }

    /** A sentence for the log ("rolling back 3 targets in reverse order"). */
    default void note(String sentence) {
    }
}
