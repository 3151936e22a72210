package io.jenkins.plugins.grayrelease.action;

import hudson.Util;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.state.LastChange;
import io.jenkins.plugins.grayrelease.core.workload.ReleaseWorkloads;
import java.util.ArrayList;
import java.util.List;

/**
 * A release target as this build last saw it, for the build page. The cluster stays the source
 * of truth; this is what the build did, shown even when the cluster cannot be reached.
 */
public final class TargetSnapshot {

    private final ReleaseSettings settings;
    private final String label;
    /** The routing object's namespace/Kind/name and the service; null in records of earlier builds. */
    private final String key;
    private final String stable;
    private final String canary;
    private final int stableWeight;
    private final int canaryWeight;
    private final String phase;
    private final int mirrorPercent;
    private final String testers;
    private final List<String> drift;
    /** Why the record on the VirtualService could not be used, or null; absent (null) in records of earlier builds. */
    private final String stateProblem;
    /** What was done and by whom; in records of earlier snapshot builds also when and where, as one text. */
    private final String lastChange;
    /** When the last change was made (epoch millis), or null. */
    private final Long lastChangeAt;
    private final String lastChangeOrigin;
    private final long seenAt;
    /** Each side's Deployments when they were read (a status read), else null; absent in records of earlier builds. */
    private final List<WorkloadLine> workloads;
    /** Why the Deployments could not be read, or null. */
    private final String workloadsProblem;

    TargetSnapshot(ReleaseSettings settings, ReleaseStatus status, long seenAt) {
        this.settings = settings;
        this.label = label(status);
        this.key = keyOf(status);
        this.stable = status.stable() == null ? null : status.stable().toString();
        this.canary = status.canary() == null ? null : status.canary().toString();
        this.stableWeight = status.weights() == null ? 100 : status.weights().stable();
        this.canaryWeight = status.weights() == null ? 0 : status.weights().canary();
        this.phase = status.phase() == null ? null : status.phase().name();
        this.mirrorPercent = status.mirrorPercent();
        this.testers = status.testers().isEmpty() ? null : TesterMatch.describe(status.testers());
        this.drift = List.copyOf(status.drift());
        this.stateProblem = status.stateProblem();
        LastChange change = status.lastChange();
        this.lastChange = change == null ? null : change.action() + " by " + change.by();
        this.lastChangeAt = change == null || change.at() == null ? null : change.at().toEpochMilli();
        this.lastChangeOrigin = change == null ? null : change.origin();
        this.seenAt = seenAt;
        ReleaseWorkloads read = status.workloads();
        if (read == null) {
            this.workloads = null;
            this.workloadsProblem = null;
        } else {
            List<WorkloadLine> lines = new ArrayList<>();
            read.stable().forEach(d -> lines.add(new WorkloadLine("stable", d)));
            read.canary().forEach(d -> lines.add(new WorkloadLine("canary", d)));
            this.workloads = lines;
            this.workloadsProblem = read.problem();
        }
    }

    /** Each side's Deployments with ready/desired and the pods' problem, as last read; empty when not read. */
    public List<WorkloadLine> getWorkloads() {
        return workloads == null ? List.of() : List.copyOf(workloads);
    }

    /** Why the Deployments could not be read (no permission to list pods, ...), or null. */
    public String getWorkloadsProblem() {
        return workloadsProblem;
    }

    /**
     * The target's full identity: the routing object (namespace, kind, name) and the service.
     * Two targets of one service (the mesh VirtualService and a gateway's) differ here, not in
     * their label.
     */
    static String keyOf(ReleaseStatus status) {
        String object = status.routingObject() == null ? "?" : status.routingObject();
        String qualified = object.contains("/") ? object : status.namespace() + "/" + object;
        String ns = qualified.substring(0, qualified.indexOf('/'));
        String name = qualified.substring(qualified.indexOf('/') + 1);
        return ns + "/" + (status.routeKind() == null ? "?" : status.routeKind().kind()) + "/" + name
                + " \u2192 " + status.namespace() + "/" + status.service();
    }

    /**
     * {@code namespace/service}, with the routing object when it is not the service's own
     * ({@code shop/reviews via istio-system/public-routes}), so two targets of one service read apart.
     */
    private static String label(ReleaseStatus status) {
        String service = status.namespace() + "/" + status.service();
        String object = status.routingObject();
        return object == null || object.equals(status.service()) ? service : service + " via " + object;
    }

    /** {@link #keyOf}; a record of an earlier build has only its label. */
    public String getKey() {
        return key != null ? key : label;
    }

    /** What the steps were given; used by the emergency roll back. Holds no secret. */
    public ReleaseSettings getSettings() {
        return settings;
    }

    public String getLabel() {
        return label;
    }

    public String getStable() {
        return stable;
    }

    public String getCanary() {
        return canary;
    }

    public int getStableWeight() {
        return stableWeight;
    }

    public int getCanaryWeight() {
        return canaryWeight;
    }

    public String getPhase() {
        return phase;
    }

    public int getMirrorPercent() {
        return mirrorPercent;
    }

    /** The tester conditions in place, as people say them ({@code header x-tester: yes}), or null. */
    public String getTesters() {
        return testers;
    }

    public List<String> getDrift() {
        return drift == null ? List.of() : drift;
    }

    /** Why the release record on the VirtualService could not be used (missing, malformed), or null. */
    public String getStateProblem() {
        return stateProblem;
    }

    /**
     * The last change recorded on the VirtualService (by anyone, from anywhere), or null:
     * {@code promote v2 by alice 3 min 4 sec ago from https://jenkins/job/shop/7/}.
     */
    public String getLastChange() {
        if (lastChange == null) {
            return null;
        }
        String when = lastChangeAt == null ? ""
                : " " + Messages.JobAction_Ago(Util.getTimeSpanString(Math.max(1000, System.currentTimeMillis() - lastChangeAt) / 1000 * 1000));
        return lastChange + when + (lastChangeOrigin == null ? "" : " from " + lastChangeOrigin);
    }

    public long getSeenAt() {
        return seenAt;
    }
}
