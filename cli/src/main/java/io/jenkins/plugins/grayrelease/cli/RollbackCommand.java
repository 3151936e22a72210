package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.core.fleet.FleetRelease;

import io.jenkins.plugins.grayrelease.core.fleet.FleetOutcome;

import io.jenkins.plugins.grayrelease.cli.output.ResultPrinter;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code grayctl rollback SERVICE}: all traffic back to stable. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Send all traffic back to stable and remove grayctl's tester and mirror routes.")
final class RollbackCommand extends ReleaseCommand {

    @Mixin
    DryRunOption write;

    @Override
    int run(ClusterSession session, ReleaseTarget target, ResultPrinter printer) {
        progress().step((write.dryRun ? "planning roll back of " : "rolling back ") + target.routingRef());
        printer.result(session.engine().rollback(target, write.writeOptions()));
        return ExitCodes.OK;
    }

    @Override
    int runFleet(FleetSessions fleet, FleetPrinter printer) {
        try (FleetRelease release = fleet.release(FleetSessions.narrating(progress()),
                FleetRelease.Settings.defaults().withWrite(write.writeOptions()))) {
            FleetOutcome outcome = release.rollback();
            printer.outcome(outcome);
            return FleetPrinter.exitCode(outcome);
        }
    }
}
