package io.jenkins.plugins.grayrelease.core.fleet;

import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.state.LastChange;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.workload.DeploymentSummary;
import java.util.List;
import java.util.Objects;

/**
 * A fleet release as it is: one row per target (cluster × service) and the phase of the whole. What the build
 * page's fleet table and {@code grayctl status} show; they render it and decide nothing.
 *
 * @param fleetId the fleet release's id (null: the targets' records name none)
 * @param overall the phase of the whole
 * @param rows    one per target, in the fleet's order
 */
public record FleetStatus(String fleetId, Overall overall, List<Row> rows) {

    /** The phase of a fleet release as a whole. */
    public enum Overall {
        /** No target has a release recorded. */
        NOT_STARTED,
        /** Some targets carry canary traffic and nothing is pending. */
        PROGRESSING,
        /** Waiting (a pause or an approval) on some target. */
        PAUSED,
        /** Every target promoted. */
        PROMOTED,
        /** Every target rolled back. */
        ROLLED_BACK,
        /** Targets disagree: some rolled back (or promoted) and others not; resuming the release finishes it. */
        INCOMPLETE,
        /** Some targets could not be read; the others say nothing of them. */
        UNKNOWN
    }

    /**
     * @param target      the target
     * @param status      its status as read (with its workloads when they could be read), or null when unreachable
     * @param unreachable why it could not be read, or null
     */
    public record Row(FleetTarget target, ReleaseStatus status, String unreachable) {

        public String cluster() {
            return target.cluster() == null ? "(default)" : target.cluster();
        }

        public String service() {
            return target.target().namespace() + "/" + target.target().service();
        }

        /** The canary's weight as the routing object has it, or null when unknown. */
        public Integer weight() {
            return status == null || status.weights() == null ? null : status.weights().canary();
        }

        public Phase phase() {
            return status == null ? null : status.phase();
        }

        /** The canary's ready pods over desired ({@code 2/2}), or null when not read or there is no canary Deployment. */
        public String readyPods() {
            if (status == null || status.workloads() == null || status.workloads().canary().isEmpty()) {
                return null;
            }
            List<DeploymentSummary> canary = status.workloads().canary();
            return canary.stream().mapToInt(DeploymentSummary::ready).sum() + "/" + canary.stream().mapToInt(DeploymentSummary::desired).sum();
        }

        public LastChange lastChange() {
            return status == null ? null : status.lastChange();
        }
    }

    public FleetStatus {
        rows = List.copyOf(rows);
    }

    /** The whole from its rows. */
    static Overall overall(List<Row> rows) {
        if (rows.stream().anyMatch(r -> r.unreachable() != null)) {
            return Overall.UNKNOWN;
        }
        List<Phase> phases = rows.stream().map(Row::phase).toList();
        if (phases.stream().allMatch(Objects::isNull)) {
            return Overall.NOT_STARTED;
        }
        if (phases.stream().allMatch(p -> p == Phase.PROMOTED)) {
            return Overall.PROMOTED;
        }
        if (phases.stream().allMatch(p -> p == Phase.ROLLED_BACK || p == null)) {
            return Overall.ROLLED_BACK;
        }
        if (phases.stream().anyMatch(p -> p == Phase.ROLLED_BACK || p == Phase.PROMOTED || p == Phase.ABORTED)) {
            return Overall.INCOMPLETE;
        }
        return phases.contains(Phase.PAUSED) ? Overall.PAUSED : Overall.PROGRESSING;
    }

    /** The row of {@code target}. */
    public Row row(FleetTarget target) {
        return rows.stream().filter(r -> r.target().id().equals(target.id())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(target.id() + " is not a member of fleet " + fleetId));
    }
}
