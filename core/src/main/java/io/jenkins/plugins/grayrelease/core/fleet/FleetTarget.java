package io.jenkins.plugins.grayrelease.core.fleet;

import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.state.FleetMembership;
import java.util.Objects;

/**
 * One member of a fleet release: a release target in one cluster. Several services of one cluster
 * ({@code frontend} and {@code api} moved together) are several targets with the same cluster.
 *
 * @param cluster the kubeconfig context (grayctl) or credential id (Jenkins) naming the cluster; null: the
 *                caller's default cluster. The core never resolves it: {@link FleetConnections} does.
 * @param target  the release in that cluster (namespace, service, routing object, sides)
 */
public record FleetTarget(String cluster, ReleaseTarget target) {

    public FleetTarget {
        Objects.requireNonNull(target, "target");
        cluster = cluster == null || cluster.isBlank() ? null : cluster;
    }

    /** The target {@code member} of a record names (sides: the recorded ones). */
    public static FleetTarget of(FleetMembership.Member member) {
        ReleaseTarget.Builder b = ReleaseTarget.builder(member.namespace(), member.service()).route(member.route());
        if (member.httpRoute() != null) {
            b.httpRoute(member.httpRoute());
        } else if (member.virtualService() != null) {
            b.virtualService(member.virtualService());
        }
        return new FleetTarget(member.cluster(), b.build());
    }

    /** How the records name this target. */
    public FleetMembership.Member member() {
        String vs = target.virtualService();
        return new FleetMembership.Member(cluster, target.namespace(), target.service(),
                vs != null && !vs.equals(target.service()) ? vs : null, target.httpRoute(), target.route());
    }

    /** {@code eu-1/shop/reviews}: unique in a fleet, used in plans' waves, outcomes and tables. */
    public String id() {
        return member().id();
    }

    /**
     * The grayctl command that does {@code verb} ({@code rollback}, {@code promote}, {@code status}) on this target
     * alone, e.g. {@code grayctl rollback reviews --context us-2 -n shop}: what an outcome tells a person to run
     * when the fleet could not reach the target.
     */
    public String command(String verb) {
        StringBuilder out = new StringBuilder("grayctl ").append(verb).append(' ').append(target.service());
        if (cluster != null) {
            out.append(" --context ").append(cluster);
        }
        out.append(" -n ").append(target.namespace());
        FleetMembership.Member m = member();
        if (m.httpRoute() != null) {
            out.append(" --http-route ").append(m.httpRoute());
        } else if (m.virtualService() != null) {
            out.append(" --virtual-service ").append(m.virtualService());
        }
        if (target.route() != null) {
            out.append(" --route ").append(target.route());
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return id();
    }
}
