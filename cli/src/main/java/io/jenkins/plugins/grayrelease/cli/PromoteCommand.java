package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.cli.output.ResultPrinter;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code grayctl promote SERVICE}: all traffic to the canary, which becomes the recorded stable. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Send all traffic to the canary and record it as the new stable; tester and mirror routes are removed.")
final class PromoteCommand extends ReleaseCommand {

    @Option(names = "--cleanup", description = "Delete the old stable Deployment once all traffic is on the canary.")
    boolean cleanup;

    @Option(names = "--dry-run", description = "Show the patch; write nothing.")
    boolean dryRun;

    @Override
    int run(ClusterSession session, ReleaseTarget target, ResultPrinter printer) {
        progress().step((dryRun ? "planning promotion of " : "promoting ") + target.routingRef()
                + (cleanup ? ", then deleting the old stable Deployment" : ""));
        printer.result(session.engine().promote(target, new PromoteOptions(WriteOptions.defaults().withDryRun(dryRun), cleanup)));
        return ExitCodes.OK;
    }
}
