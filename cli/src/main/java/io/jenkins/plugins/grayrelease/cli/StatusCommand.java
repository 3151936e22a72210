package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.cli.output.ResultPrinter;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code grayctl status SERVICE [--watch]}: the split as it really is, the recorded state, any drift and each side's Deployments. Reads only. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the managed route's weights, the recorded phase, testers, mirror, the last change, any drift,"
                + " and each side's Deployments (image, ready/desired replicas, the pods' problem).")
final class StatusCommand extends ReleaseCommand {

    @Option(names = {"-w", "--watch"}, description = "Show the status again whenever it changes (the routing object, the"
            + " Deployments or their pods change), until Ctrl-C or --timeout. Woken by a watch, not by polling.")
    boolean watch;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = WorkloadConverters.Wait.class,
            description = "With --watch: stop watching after DURATION (e.g. 10m). Default: until Ctrl-C.")
    Duration timeout;

    @Override
    void validate() {
        super.validate();
        if (timeout != null && !watch) {
            throw usage("--timeout without --watch", "Add --watch, or leave --timeout out: a plain status returns at once");
        }
    }

    @Override
    int run(ClusterSession session, ReleaseTarget target, ResultPrinter printer) {
        if (!watch) {
            printer.status(session.engine().statusWithWorkloads(target));
            return ExitCodes.OK;
        }
        AtomicInteger shown = new AtomicInteger();
        session.engine().watchStatus(target, s -> printer.statusAgain(s, shown.getAndIncrement() > 0, root.terminal().interactive()),
                timeout);
        return ExitCodes.OK;
    }
}
