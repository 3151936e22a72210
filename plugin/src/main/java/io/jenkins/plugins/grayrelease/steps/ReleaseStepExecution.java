package io.jenkins.plugins.grayrelease.steps;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.grayrelease.ConsoleLinks;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.cluster.ReleaseSession;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.workload.CanaryScale;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadWait;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.ReleaseRolledBack;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.ReleaseStoppedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * A short cluster operation (set weight, promote, roll back, status, deploy). It runs on a
 * background thread of Jenkins, never on the Pipeline's CPS VM thread, and takes seconds, so it
 * is not resumed after a restart (the step then fails and says so; the cluster's record is
 * consistent because every engine write is a single guarded patch).
 */
abstract class ReleaseStepExecution<T> extends SynchronousNonBlockingStepExecution<T> {

    private static final long serialVersionUID = 1L;

    private final String stepName;

    ReleaseStepExecution(StepContext context, String stepName) {
        super(context);
        this.stepName = stepName;
    }

    @Override
    protected final T run() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        ReleaseSettings settings = requireSettings(getContext(), stepName);
        try (ReleaseSession session = ReleaseSession.open(settings, run, listener)) {
            return perform(new Operation(run, listener, settings, session));
        } catch (ReleaseStoppedException e) {
            // A rollback wins: the build stops as aborted, saying who rolled the release back.
            throw ReleaseRolledBack.interruption(stepName + ": " + e.getMessage());
        } catch (GrayReleaseException e) {
            // The engine's messages name the object, the field and the fix: that is the whole story.
            // It turns every failure of the Kubernetes client into one of these.
            throw new AbortException(stepName + ": " + e.getMessage());
        }
    }

    /** Does the operation; everything it needs is in {@code op}. */
    protected abstract T perform(Operation op) throws Exception;

    static ReleaseSettings requireSettings(StepContext context, String stepName) throws Exception {
        ReleaseSettings settings = context.get(ReleaseSettings.class);
        if (settings == null || settings.getService() == null) {
            throw new AbortException(Messages.ReleaseStep_needsTarget(stepName));
        }
        return settings;
    }

    /** The parts of one step run, with the record keeping every step shares. */
    static final class Operation {
        final Run<?, ?> run;
        final TaskListener listener;
        final ReleaseSettings settings;
        final ReleaseSession session;

        Operation(Run<?, ?> run, TaskListener listener, ReleaseSettings settings, ReleaseSession session) {
            this.run = run;
            this.listener = listener;
            this.settings = settings;
            this.session = session;
        }

        /**
         * The session's engine, keeping the canary's replicas in step with its traffic when the
         * step or the enclosing block names a {@code canaryScale} (the step's wins); scaling and the
         * canary's readiness are told on the console.
         */
        GrayRelease engine(@CheckForNull String stepScale) throws AbortException {
            CanaryScale scale;
            try {
                scale = stepScale != null ? CanaryScale.parse(stepScale) : settings.getTarget().canaryScale();
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            return session.engine().withCanaryScale(scale, waitTellingTheConsole());
        }

        /** Waits for pods up to Kubernetes' deadline, each change of readiness one console line. */
        WorkloadWait waitTellingTheConsole() {
            return WorkloadWait.defaults().withProgress(line -> listener.getLogger().println(Messages.ReleaseStep_line(settings.label(), line)));
        }

        /** A dry run prints its diff and stores nothing anywhere; a real change is recorded like any other. */
        void report(OperationResult result, String what) {
            if (result.dryRun()) {
                listener.getLogger().println(Messages.ReleaseStep_dryRun(what) + "\n" + result.change().diff());
            } else {
                record(result.status(), what, result.changed());
            }
            // The engine's own sentences: why nothing changed (a rollback after a promotion), what a clean-up deleted.
            result.notes().forEach(listener.getLogger()::println);
        }

        /** Puts the status on the build page, adds the change to the history, and prints one line. */
        void record(ReleaseStatus status, String what, boolean changed) {
            GrayReleaseAction action = GrayReleaseAction.of(run);
            action.record(settings, status, ReleaseSession.buildActor(run).user(), changed ? what : null);
            String split = status.weights() == null ? ""
                    : Messages.ReleaseStep_split(status.weights().stable(), status.weights().canary());
            listener.getLogger().println(Messages.ReleaseStep_line(status.namespace() + "/" + status.service(),
                    what + (changed ? "" : Messages.ReleaseStep_unchanged()) + split + " " + ConsoleLinks.page(run)));
        }
    }
}
