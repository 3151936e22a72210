package io.jenkins.plugins.grayrelease.fleet;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import io.jenkins.plugins.grayrelease.core.fleet.FleetListener;
import io.jenkins.plugins.grayrelease.core.fleet.FleetOutcome;
import io.jenkins.plugins.grayrelease.core.fleet.FleetRelease;
import io.jenkins.plugins.grayrelease.core.fleet.FleetTarget;
import io.jenkins.plugins.grayrelease.core.fleet.FleetWave;
import java.io.IOException;

/**
 * One {@code withGrayRelease(targets: …)} block's coordinator and connections while the controller
 * runs. The coordinator reports to one listener for its whole life; each step points it at its own
 * console.
 */
final class FleetRun implements AutoCloseable {

    private final FleetRelease release;
    private final JenkinsFleetConnections connections;
    private volatile FleetListener current = FleetListener.NONE;

    private FleetRun(FleetRelease release, JenkinsFleetConnections connections) {
        this.release = release;
        this.connections = connections;
    }

    static FleetRun open(FleetSettings settings, Run<?, ?> build) throws IOException {
        JenkinsFleetConnections connections = JenkinsFleetConnections.resolve(settings, build);
        FleetRun[] self = new FleetRun[1];
        FleetListener relay = new FleetListener() {
            @Override
            public void waveStarted(FleetWave wave) {
                self[0].current.waveStarted(wave);
            }

            @Override
            public void targetChanged(FleetTarget target, String change, ReleaseStatus status) {
                self[0].current.targetChanged(target, change, status);
            }

            @Override
            public void targetFailed(FleetTarget target, GrayReleaseException failure) {
                self[0].current.targetFailed(target, failure);
            }

            @Override
            public void targetUnfinished(FleetOutcome.Unfinished unfinished) {
                self[0].current.targetUnfinished(unfinished);
            }

            @Override
            public void note(String sentence) {
                self[0].current.note(sentence);
            }
        };
        try {
            self[0] = new FleetRun(new FleetRelease(settings.fleet(), connections, relay, FleetRelease.Settings.defaults()), connections);
        } catch (IllegalArgumentException e) {
            connections.close();
            throw new AbortException("withGrayRelease: targets: " + e.getMessage());
        }
        return self[0];
    }

    void listenWith(FleetListener listener) {
        current = listener == null ? FleetListener.NONE : listener;
    }

    FleetRelease release() {
        return release;
    }

    @Override
    public void close() {
        release.close();
        connections.close();
    }
}
