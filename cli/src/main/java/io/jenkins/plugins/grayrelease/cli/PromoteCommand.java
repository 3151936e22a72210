package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.core.fleet.FleetRelease;

import io.jenkins.plugins.grayrelease.core.fleet.FleetOutcome;

import io.jenkins.plugins.grayrelease.cli.output.ResultPrinter;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code grayctl promote SERVICE}: all traffic to the canary, which becomes the recorded stable. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Send all traffic to the canary and record it as the new stable; tester and mirror routes are removed.")
final class PromoteCommand extends ReleaseCommand {

    @Option(names = "--cleanup", description = "Delete the old stable Deployment once all traffic is on the canary: the one the"
            + " canary was created from, or one Gray Release created, among those the old stable side selects (its Service's"
            + " selector and subset's labels). Several such, or one Gray Release did not create, are refused unless --from names it.")
    boolean cleanup;

    @Option(names = "--from", paramLabel = "DEPLOYMENT", description = "With --cleanup: the old stable Deployment to delete.")
    String from;

    @Option(names = "--scale-down-delay", paramLabel = "DURATION", converter = WorkloadConverters.Wait.class,
            description = "Scale the old stable Deployment to 0 replicas this long after all traffic has left it (e.g. 30s),"
                    + " and only when no route still sends to it. Default: leave its replicas as they are.")
    java.time.Duration scaleDownDelay;

    @Mixin
    DryRunOption write;

    @Mixin
    CanaryScaleOption scale;

    @Override
    int run(ClusterSession session, ReleaseTarget target, ResultPrinter printer) {
        progress().step((write.dryRun ? "planning promotion of " : "promoting ") + target.routingRef()
                + (cleanup ? ", then deleting the old stable Deployment" : ""));
        printer.result(scale.apply(session.engine(), progress()).promote(target,
                new PromoteOptions(write.writeOptions(), cleanup, from).withScaleDownDelay(scaleDownDelay)));
        return ExitCodes.OK;
    }

    @Override
    int runFleet(FleetSessions fleet, FleetPrinter printer) {
        PromoteOptions options = new PromoteOptions(write.writeOptions(), cleanup, from).withScaleDownDelay(scaleDownDelay);
        try (FleetRelease release = fleet.release(FleetSessions.narrating(progress()),
                new FleetRelease.Settings(8, write.writeOptions(), options))) {
            FleetOutcome outcome = release.promote();
            printer.outcome(outcome);
            return FleetPrinter.exitCode(outcome);
        }
    }
}
