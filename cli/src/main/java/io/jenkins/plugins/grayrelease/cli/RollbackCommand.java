package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.cli.output.ResultPrinter;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code grayctl rollback SERVICE}: all traffic back to stable. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Send all traffic back to stable and remove grayctl's tester and mirror routes.")
final class RollbackCommand extends ReleaseCommand {

    @Option(names = "--dry-run", description = "Show the patch; write nothing.")
    boolean dryRun;

    @Override
    int run(ClusterSession session, ReleaseTarget target, ResultPrinter printer) {
        progress().step((dryRun ? "planning roll back of " : "rolling back ") + target.routingRef());
        printer.result(session.engine().rollback(target, WriteOptions.defaults().withDryRun(dryRun)));
        return ExitCodes.OK;
    }
}
