package io.jenkins.plugins.grayrelease.fleet;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.action.FleetRecord;
import hudson.model.Run;
import io.jenkins.plugins.grayrelease.core.fleet.Fleet;
import io.jenkins.plugins.grayrelease.core.fleet.FleetListener;
import io.jenkins.plugins.grayrelease.core.fleet.FleetTarget;
import io.jenkins.plugins.grayrelease.core.fleet.FleetWave;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code withGrayRelease(targets: [...])} hands to the steps inside it: every target, each
 * with its cluster's name, its wave and its complete settings (the target's own values over the
 * block's). Kept in the build's program state, so it holds names and credential ids only.
 */
public final class FleetSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What a plain {@code withGrayRelease} inside a fleet block provides: the steps inside it act on its one target. */
    public static final FleetSettings NONE = new FleetSettings(List.of(), null);

    /** One target of the fleet. */
    public record Member(String cluster, int wave, ReleaseSettings settings) implements Serializable {

        private static final long serialVersionUID = 1L;

        /** {@code eu-1/shop/reviews}: how pages and logs name the target (as the engine does). */
        public String label() {
            return cluster + "/" + settings.label();
        }
    }

    private final List<Member> members;
    /** The fleet release's id, recorded on every member ({@code reviews-v2-f4f2a9c}); made once per block. */
    private final String id;
    /** The wave the steps inside act on (0-based); kept in the program state, so a resumed build stays in its wave. */
    private volatile int wave;
    /**
     * The engine's coordinator for this block, shared by its steps so that a failure in a later step
     * rolls back what earlier steps shifted. In memory only: a restarted controller makes a new one.
     */
    private transient FleetRun run;

    private FleetSettings(List<Member> members, String id) {
        this.members = List.copyOf(members);
        this.id = id;
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
        String name = block.getService() != null ? block.getService() : members.isEmpty() ? "fleet" : members.get(0).settings().getService();
        String canary = block.get(io.jenkins.plugins.grayrelease.core.TargetSettings.Field.CANARY);
        return new FleetSettings(members, Fleet.newId(canary == null ? name : name + "-" + canary));
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

    public String id() {
        return id;
    }

    /** The engine's form of a member (its cluster as the records name it: {@code eu-1/shop/reviews}). */
    FleetTarget targetOf(Member m) {
        return new FleetTarget(m.cluster(), m.settings().toTarget(null));
    }

    /**
     * The engine's fleet: the members grouped by wave, in wave order.
     *
     * @throws IllegalArgumentException naming the field when a member's target is incomplete (no namespace, no service)
     */
    public Fleet fleet() {
        Map<Integer, List<FleetTarget>> byWave = new TreeMap<>();
        for (Member m : members) {
            byWave.computeIfAbsent(m.wave(), w -> new ArrayList<>()).add(targetOf(m));
        }
        List<FleetWave> waves = new ArrayList<>();
        for (Map.Entry<Integer, List<FleetTarget>> e : byWave.entrySet()) {
            waves.add(new FleetWave(waves.size(), "wave " + e.getKey(), e.getValue()));
        }
        return new Fleet(id, waves);
    }

    /** The wave numbers the targets name, in order ({@code [1, 2]}). */
    public List<Integer> waveNumbers() {
        return members.stream().map(Member::wave).distinct().sorted().toList();
    }

    /** {@code reviews-v2-f4f2a9c, wave 2: us-1/shop/reviews, us-2/shop/reviews}: what an approval inside the block answers for. */
    public String currentWaveLabel() {
        int number = waveNumbers().get(wave);
        return id + ", wave " + number + ": " + String.join(", ", members.stream().filter(m -> m.wave() == number).map(Member::label).toList());
    }

    /** The 0-based wave the steps inside act on. */
    int wave() {
        return wave;
    }

    void wave(int index) {
        this.wave = index;
    }

    /** The coordinator of this block, made (credentials resolved) on first use. */
    synchronized FleetRun run(Run<?, ?> build, FleetListener listener) throws IOException {
        if (run == null) {
            run = FleetRun.open(this, build);
        }
        run.listenWith(listener);
        return run;
    }

    /** Closes the block's coordinator and its connections (the block ended). */
    public synchronized void close() {
        if (run != null) {
            run.close();
            run = null;
        }
    }

    /** The members as the build page records them, so the job page's roll back can reach them later. */
    public List<FleetRecord.Member> recordedMembers() {
        return members.stream().map(m -> new FleetRecord.Member(m.cluster(), m.wave(), m.settings())).toList();
    }

    /**
     * The fleet a build recorded, each member read with the sides its cluster recorded (after a promotion the
     * recorded stable is the promoted version, whatever the Jenkinsfile called stable).
     */
    static FleetSettings recorded(FleetRecord record) {
        return restored(record.getId(), record.getMembers().stream()
                .map(m -> new Member(m.cluster(), m.wave(), m.settings().sidesFromRecord())).toList());
    }

    /** A fleet of known id and members (a recorded one, a plan's). */
    static FleetSettings restored(String id, List<Member> members) {
        return new FleetSettings(members, id);
    }

    /** {@code reviews-v2-f4f2a9c (eu-1/shop/reviews, us-1/shop/reviews)}: the release's name for approvals and history. */
    public String label() {
        return id + " (" + String.join(", ", members.stream().map(Member::label).toList()) + ")";
    }
}
