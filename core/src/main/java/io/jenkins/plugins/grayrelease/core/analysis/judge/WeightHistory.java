package io.jenkins.plugins.grayrelease.core.analysis.judge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The canary weights the rollout wrote, with when: the traffic-split check compares the canary's
 * share with them, and intervals around a change are left out (their requests mix two splits).
 * Written by the rollout's thread, read by the background analysis': synchronized.
 */
public final class WeightHistory {
    /** One written weight. */
    public record Change(Instant at, int percent) {}

    private final List<Change> changes = new ArrayList<>();

    public synchronized void record(Instant at, int percent) {
        changes.add(new Change(at, percent));
    }

    /** The weight in force at {@code time} in %, NaN when none was recorded before it. */
    public synchronized double percentAt(Instant time) {
        double percent = Double.NaN;
        for (Change c : changes) {
            if (!c.at().isAfter(time)) {
                percent = c.percent();
            }
        }
        return percent;
    }

    /** True when a weight was written in {@code (from, to]}. */
    public synchronized boolean changedBetween(Instant from, Instant to) {
        return changes.stream().anyMatch(c -> c.at().isAfter(from) && !c.at().isAfter(to));
    }

    public synchronized List<Change> changes() {
        return List.copyOf(changes);
    }
}
