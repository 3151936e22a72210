package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.cli.output.ResultPrinter;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code grayctl mirror SERVICE PERCENT}: copy PERCENT of the managed route's requests to the canary. */
@Command(name = "mirror", mixinStandardHelpOptions = true,
        description = "Mirror PERCENT (0-100) of the managed route's requests to the canary; responses still come from "
                + "the routed version. 0 removes the mirror.")
final class MirrorCommand extends ReleaseCommand {

    @Parameters(index = "1", paramLabel = "PERCENT", description = "Share of requests copied to the canary, 0-100; 0 removes the mirror.")
    int percent;

    @Mixin
    DryRunOption write;

    @Override
    int run(ClusterSession session, ReleaseTarget target, ResultPrinter printer) {
        String what = percent == 0 ? "removing the mirror from " + target.routingRef()
                : "mirroring " + percent + " % of " + target.routingRef() + " to the canary";
        progress().step(write.dryRun ? "planning: " + what : what);
        printer.result(session.engine().setMirror(target, percent, write.writeOptions()));
        return ExitCodes.OK;
    }
}
