package io.jenkins.plugins.grayrelease.core.fleet;

import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The coordinator of a fleet release: every operation on several targets at once, all or nothing.
 *
 * <ul>
 *   <li>{@link #setWeight} writes every target of the current wave concurrently (bounded), each with the engine's
 *       own guarded, route-scoped write in a session (one PATCH per target and shift).</li>
 *   <li>When any target fails (a refused write, an API server unreachable past its retries, a canary not ready),
 *       every target already shifted is rolled back, in reverse order; the outcome names the target that failed and
 *       what was undone. A target that cannot be rolled back is reported with the command that finishes it, never
 *       skipped in silence; {@link #resume} finishes it later.</li>
 *   <li>Every write records the fleet (id and members) in the target's release record, so any one member leads to the
 *       others ({@link #status}).</li>
 * </ul>
 *
 * <p>One caller thread drives it (a pipeline, grayctl, a {@link FleetRunner}); it uses its own worker threads.
 */
public final class FleetRelease implements AutoCloseable {

    /**
     * @param parallelism how many targets are written at once
     * @param write       options for every routing write (dry run, canary subset)
     * @param promote     options for promotions
     */
    public record Settings(int parallelism, WriteOptions write, PromoteOptions promote) {
        public Settings {
            Objects.requireNonNull(write, "write");
            Objects.requireNonNull(promote, "promote");
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
            }
        }

        public static Settings defaults() {
            return new Settings(8, WriteOptions.defaults(), PromoteOptions.defaults());
        }

        public Settings withParallelism(int n) {
            return new Settings(n, write, promote);
        }

        /** These settings writing with {@code options} (a dry run, an added canary subset). */
        public Settings withWrite(WriteOptions options) {
            return new Settings(parallelism, options, promote);
        }
    }

    private final Fleet fleet;
    private final FleetConnections connections;
    private final FleetListener listener;
    private final Settings settings;
    private final ParallelTargets parallel;
    private final Map<String, GrayRelease> engines = new ConcurrentHashMap<>();
    /** Targets this release sent canary traffic to, in the order of their first shift, with their last weight. */
    private final Map<FleetTarget, Integer> shifted = new LinkedHashMap<>();
    private int wave = -1;
    /** Whether the members shifted before this instance existed were read ({@link #adoptRecorded}). */
    private boolean adopted;

    public FleetRelease(Fleet fleet, FleetConnections connections, FleetListener listener, Settings settings) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.listener = listener == null ? FleetListener.NONE : listener;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.parallel = new ParallelTargets(settings.parallelism());
    }

    /** The bounded pool the release writes with, for a runner's per-target reads (analyses, readiness). */
    ParallelTargets parallel() {
        return parallel;
    }

    public Fleet fleet() {
        return fleet;
    }

    /** The wave the next weight step writes, or null before the first. */
    public FleetWave currentWave() {
        return wave < 0 ? null : fleet.waves().get(wave);
    }

    /** Makes wave {@code index} (0-based) the one weight steps write; earlier waves keep their weights. */
    public FleetWave startWave(int index) {
        if (index < 0 || index >= fleet.waves().size()) {
            throw new IllegalArgumentException("fleet " + fleet.id() + " has waves 1 to " + fleet.waves().size() + ", not " + (index + 1));
        }
        wave = index;
        FleetWave w = fleet.waves().get(index);
        listener.waveStarted(w);
        return w;
    }

    /** The engine (in this release's session) of {@code target}: for a caller's reads (analysis, readiness, status). */
    public GrayRelease engine(FleetTarget target) {
        return engines.computeIfAbsent(target.id(), id -> {
            GrayRelease e = connections.connect(target);
            return e.inSession() ? e : e.session();
        });
    }

    /**
     * Sends {@code canaryPercent} of every target of the current wave (the first, when none started) to its canary,
     * all targets at once. All or nothing: when any target fails, every target this release shifted is rolled back.
     */
    public FleetOutcome setWeight(int canaryPercent) {
        if (wave < 0) {
            startWave(0);
        }
        FleetWave w = currentWave();
        String action = "weight " + canaryPercent + " %" + (fleet.waves().size() > 1 ? " (" + w.name() + ")" : "");
        WriteOptions write = settings.write().inFleet(fleet.membership());
        return allOrNothing(action, w.targets(), t -> engine(t).setWeight(t.target(), canaryPercent, write));
    }

    /**
     * Runs {@code change} (any engine write: testers, mirror, several changes) on every target of the current wave,
     * all or nothing like {@link #setWeight}.
     */
    public FleetOutcome applyToWave(String action, Function<FleetTarget, OperationResult> change) {
        if (wave < 0) {
            startWave(0);
        }
        return allOrNothing(action, currentWave().targets(), change);
    }

    /** The options every write of this release uses (they record the fleet in each target's record). */
    public WriteOptions writeOptions() {
        return settings.write().inFleet(fleet.membership());
    }

    private FleetOutcome allOrNothing(String action, List<FleetTarget> targets, Function<FleetTarget, OperationResult> change) {
        List<ParallelTargets.Result<OperationResult>> results = parallel.run(targets, change);
        List<FleetTarget> changed = new ArrayList<>();
        ParallelTargets.Result<OperationResult> failed = null;
        for (ParallelTargets.Result<OperationResult> r : results) {
            if (r.failed()) {
                failed = failed == null ? r : failed;
                listener.targetFailed(r.target(), r.failure());
                continue;
            }
            changed.add(r.target());
            ReleaseStatus status = r.value().status();
            int weight = status.weights() == null ? 0 : status.weights().canary();
            if (!settings.write().dryRun()) {
                shifted.put(r.target(), weight);
            }
            listener.targetChanged(r.target(), action, status);
        }
        if (failed == null) {
            return new FleetOutcome(FleetOutcome.Result.DONE, action, changed, null, List.of(), List.of());
        }
        boolean unreachable = Unreachable.is(failed.failure());
        if (unreachable && !shifted.containsKey(failed.target()) && !settings.write().dryRun()) {
            // Its answer was lost, not refused: the write may be stored, so it is rolled back (or reported) like the others.
            shifted.put(failed.target(), -1);
        }
        FleetOutcome.Failure failure = new FleetOutcome.Failure(failed.target(), failed.failure().getMessage(), unreachable);
        return rollBackShifted(action, changed, failure);
    }

    /**
     * All traffic back to stable on every target of the release, in reverse order: the ones this release shifted,
     * or (a release that shifted nothing here, e.g. a new grayctl process) every member.
     */
    public FleetOutcome rollback() {
        if (shifted.isEmpty()) {
            fleet.targets().forEach(t -> shifted.put(t, -1));
        }
        return rollBackShifted("roll back", List.of(), null);
    }

    /**
     * Rolls back every target this release shifted, in reverse order, because {@code failed} failed with {@code problem}
     * (a failed analysis, a canary not ready, a decision): the outcome names it like a failed write would.
     *
     * @param failed the target that failed, or null when the whole release is rolled back by a decision
     */
    public FleetOutcome rollBackFor(String action, FleetTarget failed, String problem) {
        if (failed == null) {
            FleetOutcome all = rollBackShifted(action, List.of(), null);
            return all.unfinished().isEmpty() ? new FleetOutcome(FleetOutcome.Result.ROLLED_BACK, action, List.of(), null,
                    all.undone(), List.of()) : all;
        }
        return rollBackShifted(action, List.of(), new FleetOutcome.Failure(failed, problem, false));
    }

    private FleetOutcome rollBackShifted(String action, List<FleetTarget> changed, FleetOutcome.Failure failure) {
        adoptRecorded();
        List<FleetTarget> order = new ArrayList<>(shifted.keySet());
        java.util.Collections.reverse(order);
        listener.note("rolling back " + order.size() + " target" + (order.size() == 1 ? "" : "s") + " in reverse order"
                + (failure == null ? "" : " because " + failure.target().id() + " failed"));
        WriteOptions write = settings.write().inFleet(fleet.membership());
        List<FleetOutcome.Undone> undone = new ArrayList<>();
        List<FleetOutcome.Unfinished> unfinished = new ArrayList<>();
        for (FleetTarget t : order) {
            try {
                OperationResult r = engine(t).rollback(t.target(), write);
                undone.add(new FleetOutcome.Undone(t, Math.max(0, shifted.get(t))));
                shifted.remove(t);
                listener.targetChanged(t, "roll back", r.status());
            } catch (GrayReleaseException e) {
                FleetOutcome.Unfinished left = new FleetOutcome.Unfinished(t, "rollback",
                        (Unreachable.is(e) ? "unreachable (" : "refused (") + e.getMessage() + ")", t.command("rollback"));
                unfinished.add(left);
                listener.targetUnfinished(left);
            }
        }
        FleetOutcome.Result result = unfinished.isEmpty() ? (failure == null ? FleetOutcome.Result.DONE : FleetOutcome.Result.ROLLED_BACK)
                : FleetOutcome.Result.INCOMPLETE;
        return new FleetOutcome(result, action, failure == null ? undone.stream().map(FleetOutcome.Undone::target).toList() : changed,
                failure, undone, unfinished);
    }

    /**
     * Takes as shifted, ahead of this instance's own shifts, every member of the waves up to the current one whose
     * record names this fleet and sends traffic to its canary: a coordinator made again for the same fleet (a Jenkins
     * controller restart, a new process) then rolls back what was shifted before it, too. Done once, before the first
     * rollback, so a release that never fails reads nothing extra. A member that cannot be read is left to the
     * rollback only when this instance wrote it (its state is unknown; {@link #resume} finishes a recorded rollback).
     */
    private void adoptRecorded() {
        if (adopted || settings.write().dryRun()) {
            return;
        }
        adopted = true;
        int last = wave < 0 ? fleet.waves().size() - 1 : wave;
        List<FleetTarget> candidates = fleet.waves().subList(0, last + 1).stream().flatMap(w -> w.targets().stream())
                .filter(t -> !shifted.containsKey(t)).toList();
        Map<FleetTarget, Integer> before = new LinkedHashMap<>();
        for (ParallelTargets.Result<ReleaseStatus> r : parallel.run(candidates, t -> engine(t).status(t.target()))) {
            ReleaseStatus status = r.failed() ? null : r.value();
            boolean ours = status != null && status.state() != null && status.state().fleet() != null
                    && fleet.id().equals(status.state().fleet().id());
            int weight = status == null || status.weights() == null ? 0 : status.weights().canary();
            if (ours && weight > 0) {
                before.put(r.target(), weight);
            }
        }
        if (before.isEmpty()) {
            return;
        }
        // Waves are shifted in order, so the fleet's order is the order of the first shifts across the restart.
        Map<FleetTarget, Integer> inOrder = new LinkedHashMap<>();
        for (FleetTarget t : fleet.targets()) {
            Integer weight = shifted.containsKey(t) ? shifted.get(t) : before.get(t);
            if (weight != null) {
                inOrder.put(t, weight);
            }
        }
        shifted.forEach(inOrder::putIfAbsent);
        shifted.clear();
        shifted.putAll(inOrder);
    }

    /**
     * All traffic to the canary on every target, wave by wave (a wave's targets at once). A promotion cannot be
     * undone, so a target that fails is not rolled back with the others: it is reported with the command that
     * finishes it, and {@link #resume} promotes it once it answers.
     */
    public FleetOutcome promote() {
        PromoteOptions options = new PromoteOptions(settings.promote().write().inFleet(fleet.membership()),
                settings.promote().cleanup(), settings.promote().from(), settings.promote().scaleDownDelay());
        List<FleetTarget> changed = new ArrayList<>();
        List<FleetOutcome.Unfinished> unfinished = new ArrayList<>();
        FleetOutcome.Failure failure = null;
        for (FleetWave w : fleet.waves()) {
            for (ParallelTargets.Result<OperationResult> r : parallel.run(w.targets(), t -> engine(t).promote(t.target(), options))) {
                if (r.failed()) {
                    boolean unreachable = Unreachable.is(r.failure());
                    failure = failure == null ? new FleetOutcome.Failure(r.target(), r.failure().getMessage(), unreachable) : failure;
                    listener.targetFailed(r.target(), r.failure());
                    FleetOutcome.Unfinished left = new FleetOutcome.Unfinished(r.target(), "promote",
                            (unreachable ? "unreachable (" : "refused (") + r.failure().getMessage() + ")", r.target().command("promote"));
                    unfinished.add(left);
                    listener.targetUnfinished(left);
                } else {
                    changed.add(r.target());
                    shifted.remove(r.target());
                    listener.targetChanged(r.target(), "promote", r.value().status());
                }
            }
        }
        return new FleetOutcome(unfinished.isEmpty() ? FleetOutcome.Result.DONE : FleetOutcome.Result.INCOMPLETE, "promote",
                changed, failure, List.of(), unfinished);
    }

    /** Every target as it is now (read concurrently); an unreachable one is a row saying so. */
    public FleetStatus status() {
        List<FleetStatus.Row> rows = parallel.run(fleet.targets(), t -> engine(t).statusWithWorkloads(t.target())).stream()
                .map(r -> new FleetStatus.Row(r.target(), r.value(), r.failed() ? r.failure().getMessage() : null)).toList();
        return new FleetStatus(fleet.id(), FleetStatus.overall(rows), rows);
    }

    /**
     * Finishes what an earlier run of this fleet release decided but could not do everywhere: when any member's
     * record says rolled back, every other member that still sends traffic to its canary is rolled back; when any
     * says promoted, the others are promoted. Reads every member first; writes nothing when they agree.
     */
    public FleetOutcome resume() {
        FleetStatus now = status();
        List<FleetStatus.Row> rows = now.rows();
        boolean rolledBack = rows.stream().anyMatch(r -> r.phase() == Phase.ROLLED_BACK && inThisFleet(r));
        boolean promoted = rows.stream().anyMatch(r -> r.phase() == Phase.PROMOTED && inThisFleet(r));
        if (rolledBack) {
            shifted.clear();
            // Unreachable members too: the rollback reports them again, with the command, until they answer.
            rows.stream().filter(r -> r.unreachable() != null || r.phase() == Phase.PROGRESSING || r.phase() == Phase.PAUSED
                    || r.phase() == Phase.ABORTED).forEach(r -> shifted.put(r.target(), r.weight() == null ? -1 : r.weight()));
            return rollBackShifted("resume: roll back", List.of(), null);
        }
        if (promoted) {
            return promote();
        }
        return new FleetOutcome(FleetOutcome.Result.DONE, "resume: nothing to finish (" + now.overall().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ') + ")", List.of(), null, List.of(), List.of());
    }

    private boolean inThisFleet(FleetStatus.Row row) {
        return row.status() != null && row.status().state() != null && row.status().state().fleet() != null
                && fleet.id().equals(row.status().state().fleet().id());
    }

    @Override
    public void close() {
        parallel.close();
    }
}
