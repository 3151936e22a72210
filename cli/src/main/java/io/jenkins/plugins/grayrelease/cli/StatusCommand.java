package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.cli.output.ResultPrinter;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import picocli.CommandLine.Command;

/** {@code grayctl status SERVICE}: the split as it really is, the recorded state and any drift. Reads only. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the managed route's weights, the recorded phase, testers, mirror, the last change and any drift.")
final class StatusCommand extends ReleaseCommand {

    @Override
    int run(ClusterSession session, ReleaseTarget target, ResultPrinter printer) {
        printer.status(session.engine().status(target));
        return ExitCodes.OK;
    }
}
