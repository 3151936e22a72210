package io.jenkins.plugins.grayrelease.fleet;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.cluster.ReleaseSession;
import io.jenkins.plugins.grayrelease.core.fleet.FleetOutcome;
import io.jenkins.plugins.grayrelease.core.fleet.FleetRelease;
import io.jenkins.plugins.grayrelease.core.fleet.FleetStatus;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * A step inside {@code withGrayRelease(targets: …)}: one operation of the engine's fleet coordinator
 * ({@code grayRelease} on the current wave, {@code grayPromote} / {@code grayRollback} on the whole
 * fleet, {@code grayStatus}). The coordinator decides everything (order, concurrency, what to roll
 * back when a target fails, the words of the outcome); this class only prints the outcome, puts the
 * fleet's table on the build page, and fails the step when the outcome is not a success.
 * Like the single-target steps it runs off the Pipeline thread and is not resumed after a restart.
 */
public final class FleetStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    /** The coordinator call; null for a plain status read. */
    @FunctionalInterface
    public interface FleetCall {
        FleetOutcome call(FleetRelease release);
    }

    private final String stepName;
    private final Integer wave;
    // Not kept over a restart: a short operation is not resumed.
    private final transient FleetCall call;

    /**
     * @param wave the wave number ({@code wave:} of the targets) to act on from now on, or null for the current one
     * @param call the coordinator call, or null to read the fleet's status only
     */
    public FleetStepExecution(StepContext context, String stepName, @CheckForNull Integer wave, @CheckForNull FleetCall call) {
        super(context);
        this.stepName = stepName;
        this.wave = wave;
        this.call = call;
    }

    /** The non-empty fleet of the enclosing block, or null when the step acts on one target. */
    @CheckForNull
    public static FleetSettings fleetOf(StepContext context) throws Exception {
        FleetSettings fleet = context.get(FleetSettings.class);
        return fleet == null || fleet.isEmpty() ? null : fleet;
    }

    /** Refuses a single-target step (grayDeploy, grayRollout) inside a fleet block, naming the way out. */
    public static void refuseInFleet(StepContext context, String stepName) throws Exception {
        if (fleetOf(context) != null) {
            throw new AbortException(Messages.FleetStep_notInFleet(stepName));
        }
    }

    /** Refuses {@code dryRun: true} inside a fleet block: the coordinator would count a dry run as shifted. */
    public static void refuseDryRun(boolean dryRun, String stepName) throws AbortException {
        if (dryRun) {
            throw new AbortException(Messages.FleetStep_noDryRun(stepName));
        }
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        Run<?, ?> build = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        FleetSettings fleet = getContext().get(FleetSettings.class);
        FleetRelease release;
        try {
            release = fleet.run(build, new ConsoleFleetListener(listener.getLogger(), fleet.id())).release();
        } catch (AbortException e) {
            throw new AbortException(stepName + ": " + e.getMessage());
        }
        enterWave(fleet, release);
        FleetOutcome outcome = call == null ? null : call.call(release);
        if (outcome != null && outcome.succeeded()) {
            // A failure's sentences are the step's error message, printed once by Jenkins.
            outcome.sentences().forEach(s -> listener.getLogger().println(Messages.FleetConsole_line(fleet.id(), s)));
        }
        FleetStatus status = release.status();
        GrayReleaseAction.of(build).recordFleet(fleet.label(), status, fleet.recordedMembers(), ReleaseSession.buildActor(build).user(),
                outcome == null ? null : outcome.summary());
        if (outcome != null && !outcome.succeeded()) {
            throw new AbortException(stepName + ": " + outcome.summary());
        }
        return document(fleet, release, outcome, status);
    }

    /** Moves to the wave the step names, or back to the block's current wave in a coordinator made after a restart. */
    private void enterWave(FleetSettings fleet, FleetRelease release) throws AbortException {
        int index = fleet.wave();
        if (wave != null) {
            index = fleet.waveNumbers().indexOf(wave);
            if (index < 0) {
                throw new AbortException(Messages.FleetStep_badWave(stepName, wave, fleet.id(), fleet.waveNumbers()));
            }
        }
        if (release.currentWave() == null || release.currentWave().index() != index) {
            release.startWave(index);
        }
        fleet.wave(index);
    }

    /**
     * What the step returns, in core's status-document vocabulary (what grayctl prints): {@code fleet} is the fleet's
     * document (id, phase, one row per member in {@code targets}); a step that acted adds the outcome's keys
     * ({@code result, action, changed, failed, undone, unfinished, summary}); {@code wave} is the block's current wave.
     */
    static Map<String, Object> document(FleetSettings fleet, FleetRelease release, @CheckForNull FleetOutcome outcome,
            FleetStatus status) {
        Map<String, Object> doc = new LinkedHashMap<>(outcome == null ? Map.of() : StatusDocument.of(outcome, status));
        if (outcome == null) {
            doc.put("fleet", StatusDocument.of(status));
        }
        doc.put("wave", fleet.waveNumbers().get(release.currentWave().index()));
        return doc;
    }
}
