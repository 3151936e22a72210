package io.jenkins.plugins.grayrelease.fleet;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code withGrayRelease(targets: [...])} hands to the steps inside it: every target, each
 * with its cluster's name, its wave and its complete settings (the target's own values over the
 * block's). Kept in the build's program state, so it holds names and credential ids only.
 */
public final class FleetSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What a plain {@code withGrayRelease} inside a fleet block provides: the steps inside it act on its one target. */
    public static final FleetSettings NONE = new FleetSettings(List.of());

    /** One target of the fleet. */
    public record Member(String cluster, int wave, ReleaseSettings settings) implements Serializable {

        private static final long serialVersionUID = 1L;

        /** {@code eu-1 shop/reviews}: how pages and logs name the target. */
        public String label() {
            return cluster + " " + settings.label();
        }
    }

    private final List<Member> members;

    private FleetSettings(List<Member> members) {
        this.members = List.copyOf(members);
    }

    /**
     * The block's targets, each completed from the block's settings.
     *
     * @throws IllegalArgumentException naming the target and the field when a wave is below 1 or two
     *     targets are the same (same cluster, namespace and service)
     */
    public static FleetSettings of(List<ClusterTarget> targets, ReleaseSettings block) {
        List<Member> members = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            ClusterTarget t = targets.get(i);
            ReleaseSettings s = t.over(block);
            String cluster = clusterName(t.getCluster(), s);
            if (t.getWave() < 1) {
                throw new IllegalArgumentException(Messages.FleetSettings_badWave(i + 1, cluster, t.getWave()));
            }
            Member m = new Member(cluster, t.getWave(), s);
            if (!seen.add(m.label())) {
                throw new IllegalArgumentException(Messages.FleetSettings_twice(i + 1, m.label()));
            }
            members.add(m);
        }
        return new FleetSettings(members);
    }

    /** The cluster as people call it: the name given, else the kubeconfig context, the credential, the server. */
    static String clusterName(@CheckForNull String given, ReleaseSettings s) {
        if (given != null) {
            return given;
        }
        if (s.getContext() != null) {
            return s.getContext();
        }
        if (s.getCredentialsId() != null) {
            return s.getCredentialsId();
        }
        return s.getServerUrl() != null ? s.getServerUrl() : "default";
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    public List<Member> members() {
        return members;
    }

    /** {@code eu-1 shop/reviews, us-1 shop/reviews}: the release's name for approvals and history. */
    public String label() {
        return String.join(", ", members.stream().map(Member::label).toList());
    }
}
