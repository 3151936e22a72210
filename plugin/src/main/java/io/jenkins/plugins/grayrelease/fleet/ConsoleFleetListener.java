package io.jenkins.plugins.grayrelease.fleet;

import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import io.jenkins.plugins.grayrelease.core.fleet.FleetListener;
import io.jenkins.plugins.grayrelease.core.fleet.FleetOutcome;
import io.jenkins.plugins.grayrelease.core.fleet.FleetTarget;
import io.jenkins.plugins.grayrelease.core.fleet.FleetWave;
import java.io.PrintStream;

/**
 * The coordinator's progress as lines of the build's log, one per target and event. Called from
 * the coordinator's worker threads; a {@link PrintStream} writes each line whole.
 */
final class ConsoleFleetListener implements FleetListener {

    private final PrintStream out;
    private final String fleetId;

    ConsoleFleetListener(PrintStream out, String fleetId) {
        this.out = out;
        this.fleetId = fleetId;
    }

    @Override
    public void waveStarted(FleetWave wave) {
        out.println(Messages.FleetConsole_line(fleetId, Messages.FleetConsole_wave(wave.name(),
                String.join(", ", wave.targets().stream().map(FleetTarget::id).toList()))));
    }

    @Override
    public void targetChanged(FleetTarget target, String change, ReleaseStatus status) {
        String split = status.weights() == null ? ""
                : Messages.FleetConsole_split(status.weights().stable(), status.weights().canary());
        out.println(Messages.FleetConsole_line(target.id(), change + split));
    }

    @Override
    public void targetFailed(FleetTarget target, GrayReleaseException failure) {
        out.println(Messages.FleetConsole_line(target.id(), Messages.FleetConsole_failed(failure.getMessage())));
    }

    @Override
    public void targetUnfinished(FleetOutcome.Unfinished unfinished) {
        out.println(Messages.FleetConsole_line(fleetId, unfinished.describe()));
    }

    @Override
    public void note(String sentence) {
        out.println(Messages.FleetConsole_line(fleetId, sentence));
    }
}
