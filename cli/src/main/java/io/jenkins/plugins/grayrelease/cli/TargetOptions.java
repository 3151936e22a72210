package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import picocli.CommandLine.Option;

/**
 * Which route of which objects a command acts on. Everything left out takes the engine's
 * defaults (objects named after the service, the route found by the engine, stable and canary
 * from the state recorded on the VirtualService).
 */
public final class TargetOptions {

    @Option(names = "--stable", paramLabel = "SUBSET", description = "Stable subset. Default: the recorded one.")
    String stable;

    @Option(names = "--canary", paramLabel = "SUBSET", description = "Canary subset. Default: the recorded one.")
    String canary;

    @Option(names = "--route", paramLabel = "NAME",
            description = "Managed route (http[].name). Default: the single route to stable without a match.")
    String route;

    @Option(names = "--virtual-service", paramLabel = "NAME", description = "VirtualService. Default: the service's name.")
    String virtualService;

    @Option(names = "--destination-rule", paramLabel = "NAME", description = "DestinationRule. Default: the service's name.")
    String destinationRule;

    public ReleaseTarget toTarget(String namespace, String service) {
        return ReleaseTarget.builder(namespace, service).virtualService(virtualService).destinationRule(destinationRule)
                .route(route).stableSubset(stable).canarySubset(canary).build();
    }
}
