package io.jenkins.plugins.grayrelease.fleet;

import hudson.model.Run;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.cluster.ClusterCredentials;
import io.jenkins.plugins.grayrelease.cluster.ReleaseSession;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.cluster.ClusterAccess;
import io.jenkins.plugins.grayrelease.core.cluster.ClusterConnector;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.fleet.FleetConnections;
import io.jenkins.plugins.grayrelease.core.fleet.FleetTarget;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadWait;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How the engine's fleet coordinator reaches each target's cluster from Jenkins: every target's
 * credential is looked up (with the same rules as for one target: a credential or the configured
 * default, never the controller's own identity unless an administrator allowed it) before anything
 * is written, so a missing credential stops the release before its first write. The coordinator
 * then connects each target when it first needs it. Secrets stay in memory, never in the build's state.
 */
final class JenkinsFleetConnections implements FleetConnections, AutoCloseable {

    private final Map<String, ClusterAccess> access;
    private final Map<String, FleetSettings.Member> members;
    private final Actor actor;
    private final List<KubernetesClient> clients = new CopyOnWriteArrayList<>();

    private JenkinsFleetConnections(Map<String, ClusterAccess> access, Map<String, FleetSettings.Member> members, Actor actor) {
        this.access = access;
        this.members = members;
        this.actor = actor;
    }

    /**
     * Resolves every member's credential.
     *
     * @throws IOException (an {@link hudson.AbortException}) naming the credential or setting that is missing or unusable
     */
    static JenkinsFleetConnections resolve(FleetSettings fleet, Run<?, ?> run) throws IOException {
        return resolve(fleet, run, ReleaseSession.buildActor(run));
    }

    /** Resolves every member's credential; the engines write as {@code actor} (a person on the job page). */
    static JenkinsFleetConnections resolve(FleetSettings fleet, Run<?, ?> run, Actor actor) throws IOException {
        Map<String, ClusterAccess> access = new ConcurrentHashMap<>();
        Map<String, FleetSettings.Member> members = new ConcurrentHashMap<>();
        for (FleetSettings.Member m : fleet.members()) {
            String id = fleet.targetOf(m).id();
            access.put(id, ClusterCredentials.resolve(m.settings(), run));
            members.put(id, m);
        }
        return new JenkinsFleetConnections(access, members, actor);
    }

    @Override
    public GrayRelease connect(FleetTarget target) {
        KubernetesClient client = ClusterConnector.connect(access.get(target.id()));
        clients.add(client);
        GrayRelease engine = new GrayRelease(client, actor);
        // The block's canaryScale, checked when the block started.
        return engine.withCanaryScale(members.get(target.id()).settings().getTarget().canaryScale(), WorkloadWait.defaults());
    }

    @Override
    public void close() {
        clients.forEach(KubernetesClient::close);
        clients.clear();
    }
}
