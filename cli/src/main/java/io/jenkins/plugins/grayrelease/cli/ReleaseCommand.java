package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.cli.output.ResultPrinter;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every command on one service shares: the SERVICE argument, the target options, a
 * session on the cluster, and the printer for the chosen output format.
 */
abstract class ReleaseCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service being released.")
    String service;

    @Mixin
    TargetOptions targetOptions;

    @Override
    public final Integer call() {
        validate();
        if (root.contexts.size() > 1) {
            try (FleetSessions fleet = FleetSessions.open(root, service, targetOptions)) {
                return runFleet(fleet, new FleetPrinter(root.terminal().out(), root.output()));
            }
        }
        try (ClusterSession session = ClusterSession.open(root)) {
            ReleaseTarget target = targetOptions.toTarget(session.namespace(), service);
            return run(session, target, new ResultPrinter(root.terminal().out(), root.output()));
        }
    }

    /** Checks the command line before anything is contacted; throws {@link UsageException}. */
    void validate() {
        if (service.isBlank()) {
            throw usage("SERVICE is empty", "Give the service's name, e.g. 'grayctl " + spec.name() + " reviews'");
        }
        try {
            // Malformed target options (--virtual-service a/b/c, --layout x, --http-route with --virtual-service) are usage errors, found before connecting.
            targetOptions.toTarget("default", service);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage(), "See 'grayctl " + spec.name() + " --help' for --virtual-service, --http-route and --layout");
        }
    }

    abstract int run(ClusterSession session, ReleaseTarget target, ResultPrinter printer);

    /** The command on the same release in every cluster of the repeated {@code --context}, as one fleet release. */
    int runFleet(FleetSessions fleet, FleetPrinter printer) {
        throw usage(spec.name() + " takes one --context", "Repeat --context with weight, promote, rollback or status only");
    }

    Progress progress() {
        return new Progress(root.terminal().err());
    }

    UsageException usage(String problem, String hint) {
        return new UsageException(spec.commandLine(), problem, hint);
    }
}
