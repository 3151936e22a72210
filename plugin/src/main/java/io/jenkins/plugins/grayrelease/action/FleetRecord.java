package io.jenkins.plugins.grayrelease.action;

import hudson.Util;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.core.fleet.FleetStatus;
import io.jenkins.plugins.grayrelease.core.state.LastChange;
import java.util.List;

/**
 * A fleet release as this build last read it, for the build page's table: one row per target
 * (cluster × service) with the engine's words for weight, phase, ready pods and last change.
 * Rendered only; the engine's {@link FleetStatus} decided every value.
 */
public final class FleetRecord {

    private final String id;
    private final String label;
    private final String overall;
    private final List<Row> rows;
    private final long seenAt;
    /** The members as the block named them (credential ids, no secrets): what the job page's roll back reaches. */
    private final List<Member> members;

    FleetRecord(String label, FleetStatus status, List<Member> members, long seenAt) {
        this.members = members == null ? null : List.copyOf(members);
        this.id = status.fleetId();
        this.label = label;
        this.overall = status.overall().name();
        this.rows = status.rows().stream().map(Row::new).toList();
        this.seenAt = seenAt;
    }

    /** The fleet release's id, as every member's record names it. */
    public String getId() {
        return id;
    }

    /** The id with its targets, {@code reviews-v2-f4f2a9c (eu-1/shop/reviews, us-1/shop/reviews)}. */
    public String getLabel() {
        return label;
    }

    /** The whole release's phase (PROGRESSING, PROMOTED, ROLLED_BACK, INCOMPLETE …). */
    public String getOverall() {
        return overall;
    }

    public List<Row> getRows() {
        return rows;
    }

    public long getSeenAt() {
        return seenAt;
    }

    /** The members with their settings, or empty in a record of an earlier version (nothing to reach them with). */
    public List<Member> getMembers() {
        return members == null ? List.of() : members;
    }

    /** One member: its cluster's name, its wave (1, 2 …) and its complete settings (credential id, target). */
    public static final class Member {
        private final String cluster;
        private final int wave;
        private final ReleaseSettings settings;

        public Member(String cluster, int wave, ReleaseSettings settings) {
            this.cluster = cluster;
            this.wave = wave;
            this.settings = settings;
        }

        public String cluster() {
            return cluster;
        }

        public int wave() {
            return wave;
        }

        public ReleaseSettings settings() {
            return settings;
        }
    }

    /** One target as read: what the fleet table shows in one line. */
    public static final class Row {
        private final String target;
        private final String cluster;
        private final String service;
        private final Integer weight;
        private final String phase;
        private final String readyPods;
        private final String lastChange;
        private final Long lastChangeAt;
        private final String problem;

        Row(FleetStatus.Row row) {
            this.target = row.target().id();
            this.cluster = row.cluster();
            this.service = row.service();
            this.weight = row.weight();
            this.phase = row.phase() == null ? null : row.phase().name();
            this.readyPods = row.readyPods();
            LastChange change = row.lastChange();
            this.lastChange = change == null ? null : change.action() + " by " + change.by();
            this.lastChangeAt = change == null || change.at() == null ? null : change.at().toEpochMilli();
            this.problem = row.unreachable();
        }

        public String getTarget() {
            return target;
        }

        public String getCluster() {
            return cluster;
        }

        public String getService() {
            return service;
        }

        /** The canary's percent, or null when it could not be read. */
        public Integer getWeight() {
            return weight;
        }

        public String getPhase() {
            return phase;
        }

        /** The canary's ready pods over desired ({@code 2/2}), or null. */
        public String getReadyPods() {
            return readyPods;
        }

        /** {@code setWeight 10 by alice 4 sec ago}, or null. */
        public String getLastChange() {
            if (lastChange == null) {
                return null;
            }
            return lastChangeAt == null ? lastChange
                    : lastChange + " " + Messages.JobAction_Ago(Util.getTimeSpanString(Math.max(1000, System.currentTimeMillis() - lastChangeAt) / 1000 * 1000));
        }

        /** Why the target could not be read, in the cluster's words (the page shows it only to who may see them). */
        String problem() {
            return problem;
        }

        public boolean isUnreadable() {
            return problem != null;
        }
    }
}
