package io.jenkins.plugins.grayrelease.fleet;

import hudson.model.Run;
import io.jenkins.plugins.grayrelease.action.FleetRecord;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.fleet.FleetListener;
import io.jenkins.plugins.grayrelease.core.fleet.FleetOutcome;
import io.jenkins.plugins.grayrelease.core.fleet.FleetRelease;
import io.jenkins.plugins.grayrelease.core.fleet.FleetStatus;
import java.io.IOException;

/**
 * The job page's emergency roll back of a fleet release a build recorded: the engine's coordinator
 * rolls back every member (all or nothing, an unreachable member reported with the command that
 * finishes it), reaching each cluster with the credential the build named.
 */
public final class FleetEmergencyRollBack {

    /** What the roll back did, and every member as read after it (the build page's table). */
    public record Done(FleetOutcome outcome, FleetStatus status) {
    }

    private FleetEmergencyRollBack() {
    }

    /**
     * @throws IOException naming the credential that is missing or unusable (nothing written then)
     */
    public static Done rollBack(FleetRecord record, Run<?, ?> build, Actor actor) throws IOException {
        FleetSettings fleet = FleetSettings.recorded(record);
        try (JenkinsFleetConnections connections = JenkinsFleetConnections.resolve(fleet, build, actor);
             FleetRelease release = new FleetRelease(fleet.fleet(), connections, FleetListener.NONE, FleetRelease.Settings.defaults())) {
            FleetOutcome outcome = release.rollback();
            return new Done(outcome, release.status());
        }
    }
}
