package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.core.state.FleetMembership;

import io.jenkins.plugins.grayrelease.core.fleet.Fleet;

import io.jenkins.plugins.grayrelease.core.ReleaseStatus;

import io.jenkins.plugins.grayrelease.core.fleet.FleetRelease;
import io.jenkins.plugins.grayrelease.core.fleet.FleetStatus;

import io.jenkins.plugins.grayrelease.core.fleet.FleetListener;

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
            ReleaseStatus status = session.engine().statusWithWorkloads(target);
            if (status.state() == null || status.state().fleet() == null) {
                printer.status(status);
                return ExitCodes.OK;
            }
            FleetStatus fleet = readFleet(status.state().fleet());
            printer.status(status, fleet);
            if (root.output() == OutputFormat.TABLE) {
                root.terminal().out().println();
                new FleetPrinter(root.terminal().out(), root.output()).status(fleet);
            }
            return ExitCodes.OK;
        }
        AtomicInteger shown = new AtomicInteger();
        session.engine().watchStatus(target, s -> printer.statusAgain(s, shown.getAndIncrement() > 0, root.terminal().interactive()),
                timeout);
        return ExitCodes.OK;
    }

    /**
     * The whole fleet this target's record names: every member read through its kubeconfig context (its cluster's
     * name); a member whose context this kubeconfig lacks, or whose server does not answer, is listed saying so.
     */
    private FleetStatus readFleet(FleetMembership membership) {
        java.util.Map<String, ClusterSession> sessions = new java.util.concurrent.ConcurrentHashMap<>();
        try (FleetRelease fleet = new FleetRelease(Fleet.of(membership), t -> sessions.computeIfAbsent(
                t.cluster() == null ? "" : t.cluster(), c -> ClusterSession.open(root, c.isEmpty() ? null : c)).engine(),
                FleetListener.NONE, FleetRelease.Settings.defaults())) {
            return fleet.status();
        } finally {
            sessions.values().forEach(ClusterSession::close);
        }
    }

    @Override
    int runFleet(FleetSessions fleet, FleetPrinter printer) {
        if (watch) {
            throw usage("--watch with several --context", "Watch one cluster at a time, or repeat 'grayctl status' without --watch");
        }
        try (FleetRelease release = fleet.release(FleetListener.NONE, FleetRelease.Settings.defaults())) {
            printer.status(release.status());
            return ExitCodes.OK;
        }
    }
}
