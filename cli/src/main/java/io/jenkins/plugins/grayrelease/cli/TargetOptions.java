package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TargetSettings;
import io.jenkins.plugins.grayrelease.core.TargetSettings.Field;
import picocli.CommandLine.Option;

/**
 * Which route of which objects a command acts on. Everything left out takes the engine's
 * defaults (objects named after the service, the route found by the engine, stable and canary
 * from the state recorded on the VirtualService). Built through core's {@link TargetSettings},
 * as Jenkins builds its targets, so both front ends read the same fields the same way.
 */
public final class TargetOptions {

    @Option(names = "--stable", paramLabel = "SUBSET", description = "Stable subset (with --http-route: the stable Service). Default: the recorded one.")
    String stable;

    @Option(names = "--canary", paramLabel = "SUBSET", description = "Canary subset (with --http-route: the canary Service). Default: the recorded one.")
    String canary;

    @Option(names = "--stable-host", paramLabel = "HOST",
            description = "Two-host layout: the stable side's host (e.g. reviews-stable). Default: the service.")
    String stableHost;

    @Option(names = "--canary-host", paramLabel = "HOST",
            description = "Two-host layout: the canary side's host (e.g. reviews-canary). Default: the service.")
    String canaryHost;

    @Option(names = "--route", paramLabel = "NAME",
            description = "Managed route (http[], tcp[] or tls[] name). Default: the single HTTP route to stable without a match.")
    String route;

    @Option(names = "--virtual-service", paramLabel = "[NAMESPACE/]NAME",
            description = "VirtualService, e.g. istio-system/public-routes when it lives in another namespace than the "
                    + "service (the DestinationRule stays with the service). Default: the service's name.")
    String virtualService;

    @Option(names = "--destination-rule", paramLabel = "NAME", description = "DestinationRule. Default: the service's name.")
    String destinationRule;

    @Option(names = "--http-route", paramLabel = "[NAMESPACE/]NAME",
            description = "Gateway API HTTPRoute to manage instead of a VirtualService (weights on the managed rule's "
                    + "backendRefs; --route names its rules[].name; --stable/--canary name Services, e.g. reviews-stable). "
                    + "Not with --virtual-service or --destination-rule.")
    String httpRoute;

    @Option(names = "--canary-version", paramLabel = "VERSION",
            description = "The canary's version: set on the canary subset's version label (fixed-subset layout) "
                    + "and the metric label analysis looks for. Default: as the DestinationRule says.")
    String canaryVersion;

    @Option(names = "--layout", paramLabel = "LAYOUT",
            description = "per-version or fixed-subsets. Default: fixed-subsets when the subsets are named stable and canary.")
    String layout;

    @Option(names = "--no-readiness-gate", negatable = false,
            description = "Do not check that the canary's Deployments are rolled out and ready before sending it traffic: for"
                    + " workloads this cluster does not hold (another cluster, a ServiceEntry). Nothing then stops traffic"
                    + " going to pods that are not there.")
    boolean noReadinessGate;

    /** The settings as given; a malformed value fails in {@link #toTarget}. */
    TargetSettings settings(String service) {
        return TargetSettings.empty().with(Field.SERVICE, service)
                .with(Field.STABLE, stable).with(Field.CANARY, canary)
                .with(Field.STABLE_HOST, stableHost).with(Field.CANARY_HOST, canaryHost)
                .with(Field.ROUTE, route).with(Field.VIRTUAL_SERVICE, virtualService)
                .with(Field.DESTINATION_RULE, destinationRule)
                .with(Field.CANARY_VERSION, canaryVersion).with(Field.LAYOUT, layout)
                .with(Field.HTTP_ROUTE, httpRoute)
                .with(Field.READINESS_GATE, noReadinessGate ? "false" : null);
    }

    /** @throws IllegalArgumentException for a malformed --virtual-service, --http-route or --layout, or both routing objects */
    public ReleaseTarget toTarget(String namespace, String service) {
        return settings(service).with(Field.NAMESPACE, namespace).toTarget(namespace);
    }
}
