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
import io.jenkins.plugins.grayrelease.config.ReleaseDefaults;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TargetSettings;
import io.jenkins.plugins.grayrelease.ReleaseRolledBack;
import io.jenkins.plugins.grayrelease.core.analysis.PrometheusEndpoint;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.ReleaseStoppedException;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutRunner;
import io.jenkins.plugins.grayrelease.core.workload.CanaryScale;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadWait;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutNarration;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutListener;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.rollout.plan.TargetSpec;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.grayrelease.core.fleet.Fleet;
import io.jenkins.plugins.grayrelease.core.fleet.FleetPlan;
import io.jenkins.plugins.grayrelease.core.fleet.FleetRunner;
import io.jenkins.plugins.grayrelease.fleet.FleetPlanRun;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
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
    /** False: every outcome is returned, none fails the build. Absent (true) in executions saved by earlier versions. */
    private final Boolean propagate;
    private transient volatile Future<?> task;
    private transient volatile RolloutRunner runner;
    /** A fleet plan's runner (targets:/waves:), while it runs. */
    private transient volatile FleetRunner fleetRunner;
    /** A fleet plan's release id, made on the first run: the same after a restart, so its records lead to one release. */
    private volatile String fleetId;
    private transient volatile Throwable stopCause;
    /** The controller this run started under; another one (or its shutdown) means this thread is stale. */
    private transient volatile Jenkins startedUnder;

    GrayRolloutExecution(StepContext context, String plan, String submitter, boolean propagate) {
        super(context);
        this.plan = plan;
        this.submitter = submitter;
        this.propagate = propagate;
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
        Run<?, ?> run = required(Run.class);
        TaskListener listener = required(TaskListener.class);
        PlanSource source = PlanSource.read(plan, getContext().get(FilePath.class));
        ReleaseSettings around = getContext().get(ReleaseSettings.class);
        PrometheusDefaults prometheus = PrometheusDefaults.of(run);
        RolloutPlan fleetPlan = fleetPlanOrNull(source, around, prometheus);
        if (fleetPlan != null) {
            runFleet(fleetPlan, around, run, listener, prometheus);
            return;
        }
        // Without withGrayRelease the plan's own target says where to connect.
        ReleaseSettings connect = around != null ? around : settingsFor(source.parse(null, prometheus.spec()).target(), null);
        if (resumed) {
            listener.getLogger().println(Messages.GrayRolloutExecution_resumed());
        }
        String idPrefix = "rollout-" + required(FlowNode.class).getId();
        RolloutResult result;
        try (ReleaseSession session = ReleaseSession.open(connect, run, listener)) {
            ReleaseTarget enclosing = around == null ? null : session.targetIfComplete();
            RolloutPlan parsed = source.parse(enclosing == null ? null : PlanSource.targetOf(enclosing), prometheus.spec());
            ReleaseSettings settings = settingsFor(parsed.target(), around);
            String approvers = submitter != null ? submitter : ReleaseDefaults.forItem(run.getParent()).getApprovers();
            Map<String, String> environment = new HashMap<>(required(EnvVars.class));
            // The run is this build's step (its flow node): the same after a controller restart, another in the next build.
            String runId = run.getExternalizableId() + ":" + required(FlowNode.class).getId();
            RolloutRunner.Settings runnerSettings = RolloutRunner.Settings.defaults().withEnvironment(environment).withRunId(runId)
                    // Approvals are answered here, with Jenkins' permissions, and a resumed build skips one
                    // only when its own record (build.xml) holds the answer.
                    .withAnswerAt(ReleaseSession.origin(run))
                    .withApprovalProof((step, givenFor) -> JenkinsGate.answered(run, idPrefix, step, givenFor));
            Optional<PrometheusEndpoint> configured = prometheus.endpointFor(parsed, environment);
            if (configured.isPresent()) {
                runnerSettings = runnerSettings.withPrometheus(configured.get());
            }
            // The block's canaryScale, unless the plan says its own (the plan's wins, step by step).
            CanaryScale blockScale = around == null ? null : around.getTarget().canaryScale();
            GrayRelease engine = session.engine().withCanaryScale(blockScale,
                    WorkloadWait.defaults().withProgress(line -> listener.getLogger().println("  " + line)));
            RolloutRunner r = new RolloutRunner(engine,
                    new JenkinsGate(run, listener, idPrefix, settings.label(), approvers, this::detached),
                    RolloutListener.both(new RolloutNarration(listener.getLogger()::println),
                            new BuildPageRolloutListener(run, settings, this::detached)),
                    runnerSettings);
            runner = r;
            if (stopCause != null) {
                r.cancel();
            }
            result = r.run(parsed);
        } catch (ReleaseStoppedException e) {
            throw ReleaseRolledBack.interruption("grayRollout: " + e.getMessage());
        } catch (GrayReleaseException e) {
            throw new AbortException("grayRollout: " + e.getMessage());
        }
        finish(result);
    }

    /**
     * The plan when it names {@code targets:} (a fleet plan), else null. A plan that does not parse without a
     * cluster's default namespace is not a fleet plan here: the single-target path parses it again and reports.
     */
    @CheckForNull
    private static RolloutPlan fleetPlanOrNull(PlanSource source, @CheckForNull ReleaseSettings around, PrometheusDefaults prometheus) {
        TargetSpec enclosing = null;
        try {
            enclosing = around == null ? null : PlanSource.targetOf(around.toTarget(null));
        } catch (GrayReleaseException | IllegalArgumentException incomplete) {
            // The block leaves a field (the namespace) to the cluster's default: a fleet plan's targets must say it;
            // a single-target plan is parsed again below with the cluster's default, which reports what is wrong.
        }
        try {
            RolloutPlan parsed = source.parse(enclosing, prometheus.spec());
            return parsed.isFleet() ? parsed : null;
        } catch (AbortException notParsedYet) {
            return null;
        }
    }

    /** The fleet plan through the engine's fleet runner: waves, approvals on the build page, promotion everywhere. */
    private void runFleet(RolloutPlan parsed, @CheckForNull ReleaseSettings around, Run<?, ?> run, TaskListener listener,
            PrometheusDefaults prometheus) throws Exception {
        if (fleetId == null) {
            fleetId = Fleet.newId(parsed.name());
        }
        Map<String, String> environment = new HashMap<>(required(EnvVars.class));
        FleetRunner.Settings settings = new FleetRunner.Settings(Clock.systemUTC(), environment, prometheus.endpointFor(parsed, environment));
        String approvers = submitter != null ? submitter : ReleaseDefaults.forItem(run.getParent()).getApprovers();
        FleetPlanRun.Context context = new FleetPlanRun.Context(run, listener, "rollout-" + required(FlowNode.class).getId(),
                approvers, this::detached, r -> {
                    fleetRunner = r;
                    if (stopCause != null) {
                        r.cancel();
                    }
                });
        FleetPlanRun.Ended ended;
        try {
            ended = FleetPlanRun.run(FleetPlan.of(parsed, fleetId), around, settings, context);
        } catch (GrayReleaseException | IllegalArgumentException e) {
            throw new AbortException("grayRollout: " + e.getMessage());
        }
        if (detached()) {
            return;
        }
        if (stopCause != null) {
            getContext().onFailure(stopCause);
        } else if (ended.outcome().succeeded() || Boolean.FALSE.equals(propagate)) {
            getContext().onSuccess(FleetPlanRun.document(ended));
        } else {
            getContext().onFailure(new AbortException("grayRollout: " + ended.outcome().summary()));
        }
    }

    /** A context value every Pipeline step has; its absence is a bug in Jenkins, not the user's. */
    private <T> T required(Class<T> type) throws IOException, InterruptedException {
        T value = getContext().get(type);
        if (value == null) {
            throw new IllegalStateException("grayRollout runs without " + type.getSimpleName() + " in its context");
        }
        return value;
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
        } else if (result.succeeded() || Boolean.FALSE.equals(propagate)) {
            // propagate: false returns every outcome's document, a rollback elsewhere included, for the Jenkinsfile to branch on.
            getContext().onSuccess(StatusDocument.of(result));
        } else if (result.outcome() == RolloutResult.Outcome.STOPPED_ELSEWHERE) {
            getContext().onFailure(ReleaseRolledBack.interruption("grayRollout: " + result.message()));
        } else {
            getContext().onFailure(new AbortException(Messages.GrayRolloutExecution_failed(result.outcome(), result.message())));
        }
    }

    /** The plan names the target; withGrayRelease (when around) says how to reach the cluster. */
    static ReleaseSettings settingsFor(TargetSpec target, ReleaseSettings around) {
        return ReleaseSettings.of(TargetSettings.of(target)).over(around);
    }

    @Override
    public void stop(Throwable cause) {
        stopCause = cause;
        FleetRunner f = fleetRunner;
        if (f != null) {
            f.cancel();
            return;
        }
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
        return r == null && fleetRunner == null ? Messages.GrayRolloutExecution_preparing() : Messages.GrayRolloutExecution_running();
    }
}
