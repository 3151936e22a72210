package io.jenkins.plugins.grayrelease.rollout;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.cluster.ReleaseSession;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.TargetSettings;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutRunner;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.rollout.plan.TargetSpec;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.AbstractStepExecutionImpl;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs the plan on a thread of its own: pauses and approvals wait there, holding no executor and
 * never the Pipeline thread. After a controller restart the plan runs again, and the engine's
 * runner resumes at the step recorded on the VirtualService, so finished steps (and answered
 * approvals) are not repeated. Only the plan text and names are serialized here.
 */
final class GrayRolloutExecution extends AbstractStepExecutionImpl {

    private static final long serialVersionUID = 1L;

    /** Rollouts wait for hours; a thread each, created on demand and gone when idle. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(
            new NamingThreadFactory(new DaemonThreadFactory(), "grayRollout"));

    private final String plan;
    private final String submitter;
    private transient volatile Future<?> task;
    private transient volatile RolloutRunner runner;
    private transient volatile Throwable stopCause;
    /** The controller this run started under; another one (or its shutdown) means this thread is stale. */
    private transient volatile Jenkins startedUnder;

    GrayRolloutExecution(StepContext context, String plan, String submitter) {
        super(context);
        this.plan = plan;
        this.submitter = submitter;
    }

    @Override
    public boolean start() throws Exception {
        launch(false);
        return false;
    }

    @Override
    public void onResume() {
        launch(true);
    }

    private void launch(boolean resumed) {
        startedUnder = Jenkins.get();
        task = THREADS.submit(() -> {
            try {
                runPlan(resumed);
            } catch (Throwable t) {
                if (!detached()) {
                    getContext().onFailure(t);
                }
            }
        });
    }

    private void runPlan(boolean resumed) throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        PlanSource source = PlanSource.read(plan, getContext().get(FilePath.class));
        ReleaseSettings around = getContext().get(ReleaseSettings.class);
        // Without withGrayRelease the plan's own target says where to connect.
        ReleaseSettings connect = around != null ? around : settingsFor(source.parse(null).target(), null);
        if (resumed) {
            listener.getLogger().println("[gray rollout] The controller restarted; continuing from the step recorded on the VirtualService");
        }
        String idPrefix = "rollout-" + getContext().get(FlowNode.class).getId();
        RolloutResult result;
        try (ReleaseSession session = ReleaseSession.open(connect, run)) {
            RolloutPlan parsed = source.parse(around == null || session.targetIfComplete() == null ? null
                    : PlanSource.targetOf(session.targetIfComplete()));
            ReleaseSettings settings = settingsFor(parsed.target(), around);
            RolloutRunner r = new RolloutRunner(session.engine(),
                    new JenkinsGate(run, listener, idPrefix, settings.label(), submitter, this::detached),
                    new BuildPageRolloutListener(run, listener, settings, this::detached),
                    new RolloutRunner.Settings(WriteOptions.defaults(), PromoteOptions.defaults(), Clock.systemUTC(),
                            getContext().get(EnvVars.class), Optional.empty()));
            runner = r;
            if (stopCause != null) {
                r.cancel();
            }
            result = r.run(parsed);
        } catch (GrayReleaseException e) {
            throw new AbortException("grayRollout: " + e.getMessage());
        }
        finish(result);
    }

    /**
     * True once the controller this run started under shuts down. Its daemon thread dies with the
     * JVM; until then it must not answer for the step, which the restarted controller resumes.
     */
    private boolean detached() {
        Jenkins now = Jenkins.getInstanceOrNull();
        return now == null || now != startedUnder || now.isTerminating();
    }

    private void finish(RolloutResult result) {
        if (detached()) {
            return;
        }
        if (stopCause != null) {
            getContext().onFailure(stopCause);
        } else if (result.succeeded()) {
            getContext().onSuccess(RolloutMaps.of(result));
        } else {
            getContext().onFailure(new AbortException("grayRollout: " + result.outcome() + ": " + result.message()));
        }
    }

    /** The plan names the target; withGrayRelease (when around) says how to reach the cluster. */
    static ReleaseSettings settingsFor(TargetSpec target, ReleaseSettings around) {
        return ReleaseSettings.of(TargetSettings.of(target)).over(around);
    }

    @Override
    public void stop(Throwable cause) {
        stopCause = cause;
        RolloutRunner r = runner;
        if (r != null) {
            // The runner stops at its next wait or between two writes and records the release as aborted.
            r.cancel();
        } else {
            Future<?> t = task;
            if (t != null) {
                t.cancel(true);
            }
            getContext().onFailure(cause);
        }
    }

    @Override
    public String getStatus() {
        RolloutRunner r = runner;
        return r == null ? "preparing the rollout" : "running the rollout plan";
    }
}
