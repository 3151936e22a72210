package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.core.fleet.FleetRelease;

import io.jenkins.plugins.grayrelease.core.fleet.FleetOutcome;

import io.jenkins.plugins.grayrelease.cli.output.ResultPrinter;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code grayctl weight SERVICE PERCENT}: send PERCENT of the managed route's traffic to the canary. */
@Command(name = "weight", mixinStandardHelpOptions = true,
        description = "Send PERCENT (0-100) of the managed route's traffic to the canary, the rest to stable.")
final class WeightCommand extends ReleaseCommand {

    @Parameters(index = "1", paramLabel = "PERCENT", description = "Canary share in percent, 0-100.")
    int percent;

    @Mixin
    CanaryWriteOptions write;

    @Mixin
    CanaryScaleOption scale;

    @Override
    int run(ClusterSession session, ReleaseTarget target, ResultPrinter printer) {
        progress().step((write.dryRun ? "planning " : "setting ") + target.routingRef() + ": canary weight " + percent + " %");
        printer.result(scale.apply(session.engine(), progress()).setWeight(target, percent, write.writeOptions()));
        return ExitCodes.OK;
    }

    @Override
    int runFleet(FleetSessions fleet, FleetPrinter printer) {
        if (scale.scale != null) {
            throw usage("--canary-scale with several --context", "Scale each cluster's canary with its own 'grayctl weight --context C'");
        }
        try (FleetRelease release = fleet.release(FleetSessions.narrating(progress()),
                FleetRelease.Settings.defaults().withWrite(write.writeOptions()))) {
            FleetOutcome outcome = release.setWeight(percent);
            printer.outcome(outcome);
            return FleetPrinter.exitCode(outcome);
        }
    }
}
