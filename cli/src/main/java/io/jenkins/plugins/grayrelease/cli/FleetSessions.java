package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.core.fleet.Fleet;
import io.jenkins.plugins.grayrelease.core.fleet.FleetConnections;
import io.jenkins.plugins.grayrelease.core.fleet.FleetListener;
import io.jenkins.plugins.grayrelease.core.fleet.FleetRelease;
import io.jenkins.plugins.grayrelease.core.fleet.FleetTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command's connections to several clusters (one kubeconfig context each) and the fleet release they form:
 * the same service, target options and namespace in every context. Nothing is contacted before the first request.
 */
final class FleetSessions implements AutoCloseable {

    private final Map<String, ClusterSession> sessions = new LinkedHashMap<>();
    private final List<FleetTarget> targets = new ArrayList<>();
    private final String service;

    private FleetSessions(String service) {
        this.service = service;
    }

    static FleetSessions open(RootCommand root, String service, TargetOptions options) {
        FleetSessions fleet = new FleetSessions(service);
        try {
            for (String context : root.contexts) {
                if (fleet.sessions.containsKey(context)) {
                    continue;
                }
                ClusterSession session = ClusterSession.open(root, context);
                fleet.sessions.put(context, session);
                fleet.targets.add(new FleetTarget(context, options.toTarget(session.namespace(), service)));
            }
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    /**
     * The fleet, named after the service and its contexts ({@code reviews@eu-1,us-1}): the same command line names the
     * same fleet release in every process, so a later {@code status} or {@code rollback} finds what an earlier one did.
     */
    Fleet fleet() {
        return Fleet.of(service + "@" + String.join(",", sessions.keySet()), targets);
    }

    FleetConnections connections() {
        return t -> sessions.get(t.cluster()).engine();
    }

    /** The coordinator over these sessions, telling each target's change to {@code listener}. */
    FleetRelease release(FleetListener listener, FleetRelease.Settings settings) {
        return new FleetRelease(fleet(), connections(), listener, settings);
    }

    /** Tells each target's change and failure on stderr, as the single-target commands tell their step. */
    static FleetListener narrating(Progress progress) {
        return new FleetListener() {
            @Override
            public void targetChanged(FleetTarget target, String change, io.jenkins.plugins.grayrelease.core.ReleaseStatus status) {
                progress.step(target.id() + ": " + change + " stored");
            }

            @Override
            public void targetFailed(FleetTarget target, io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException failure) {
                progress.step(target.id() + ": failed: " + failure.getMessage());
            }

            @Override
            public void note(String sentence) {
                progress.step(sentence);
            }
        };
    }

    @Override
    public void close() {
        sessions.values().forEach(ClusterSession::close);
    }
}
