package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.analysis.MetricCheck;
import io.jenkins.plugins.grayrelease.core.analysis.MetricEvaluator;
import io.jenkins.plugins.grayrelease.core.analysis.PrometheusClient;
import io.jenkins.plugins.grayrelease.core.analysis.PrometheusEndpoint;
import io.jenkins.plugins.grayrelease.core.analysis.QueryContext;
import io.jenkins.plugins.grayrelease.core.analysis.judge.JudgeContext;
import io.jenkins.plugins.grayrelease.core.analysis.judge.WeightHistory;
import io.jenkins.plugins.grayrelease.core.rollout.plan.AnalysisStep;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.ReleaseStoppedException;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult.Outcome;
import io.jenkins.plugins.grayrelease.core.rollout.plan.ApprovalStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.support.Digests;
import io.jenkins.plugins.grayrelease.core.rollout.plan.Step;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import io.jenkins.plugins.grayrelease.core.errors.WorkloadNotReadyException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import io.jenkins.plugins.grayrelease.core.errors.AnalysisUnavailableException;

/**
 * Runs a {@link RolloutPlan} through the engine. Before each step it records the step as
 * running in the release state, and after it as done (with the decision, for approvals), so a
 * run that dies resumes from the cluster's record: a finished step is never repeated, a step
 * that was under way is entered again. Ends in promotion when every step passed.
 *
 * <p>A runner runs one plan once (a cancelled runner stays cancelled); {@link #cancel()} may be
 * called from any thread.
 */
public final class RolloutRunner {

    /** How often a run re-checks the canary's readiness while it waits, unless told otherwise. */
    public static final Duration DEFAULT_READINESS_INTERVAL = Duration.ofSeconds(5);

    /**
     * How the runner writes, measures and waits.
     *
     * @param write options for every routing write
     * @param promote options for the final promotion
     * @param analysisClock the instant analyses query at (tests pin it to their data)
     * @param approvalClock what an approval's timeout is measured with (tests move it on)
     * @param environment where {@code prometheus.bearerTokenEnv} is looked up
     * @param prometheusOverride replaces the plan's Prometheus endpoint when present
     * @param readinessInterval how often the canary's readiness is re-checked while the run waits
     *                          (pauses, approvals, analyses); each check is one list of Deployments
     */
    public record Settings(WriteOptions write, PromoteOptions promote, Clock analysisClock, Clock approvalClock,
            Map<String, String> environment, Optional<PrometheusEndpoint> prometheusOverride, Duration readinessInterval,
            String runId, String answerAt, ApprovalProof approvalProof) {
        /**
         * @param runId    this run's id, recorded with its progress: only a run with the same id resumes it
         *                 (grayctl prints a new one at start and takes it back with {@code --resume}; Jenkins
         *                 names the build and flow node)
         * @param answerAt where approvals are answered when not by an answer recorded on the cluster (a Jenkins
         *                 build URL, shown to {@code grayctl decide} and {@code grayctl status}); null: an answer
         *                 recorded on the cluster ({@code grayctl decide}) is taken too
         * @param approvalProof where else a finished approval must be held before a resumed run skips it
         */
        public Settings {
            Objects.requireNonNull(write, "write");
            Objects.requireNonNull(promote, "promote");
            Objects.requireNonNull(analysisClock, "analysisClock");
            Objects.requireNonNull(approvalClock, "approvalClock");
            environment = Map.copyOf(environment);
            Objects.requireNonNull(prometheusOverride, "prometheusOverride");
            Objects.requireNonNull(readinessInterval, "readinessInterval");
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(approvalProof, "approvalProof");
        }

        /** Default writes, the wall clock, this process's environment, the plan's Prometheus, a new run id. */
        public static Settings defaults() {
            return new Settings(WriteOptions.defaults(), PromoteOptions.defaults(), Clock.systemUTC(), Clock.systemUTC(),
                    System.getenv(), Optional.empty(), DEFAULT_READINESS_INTERVAL, newRunId(), null, ApprovalProof.CLUSTER_RECORD);
        }

        /** A new run id: short, printable, unlikely to repeat ({@code r-4f2a9c1e}). */
        public static String newRunId() {
            return "r-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        }

        public Settings withReadinessInterval(Duration interval) {
            return new Settings(write, promote, analysisClock, approvalClock, environment, prometheusOverride, interval, runId, answerAt, approvalProof);
        }

        public Settings withAnalysisClock(Clock clock) {
            return new Settings(write, promote, clock, approvalClock, environment, prometheusOverride, readinessInterval, runId, answerAt, approvalProof);
        }

        public Settings withApprovalClock(Clock clock) {
            return new Settings(write, promote, analysisClock, clock, environment, prometheusOverride, readinessInterval, runId, answerAt, approvalProof);
        }

        public Settings withEnvironment(Map<String, String> variables) {
            return new Settings(write, promote, analysisClock, approvalClock, variables, prometheusOverride, readinessInterval, runId, answerAt, approvalProof);
        }

        public Settings withPrometheus(PrometheusEndpoint endpoint) {
            return new Settings(write, promote, analysisClock, approvalClock, environment, Optional.of(endpoint), readinessInterval, runId, answerAt, approvalProof);
        }

        /** This run is {@code id}: it resumes progress recorded by a run of that id (same plan and canary). */
        public Settings withRunId(String id) {
            return new Settings(write, promote, analysisClock, approvalClock, environment, prometheusOverride, readinessInterval, id, answerAt, approvalProof);
        }

        /** A resumed run skips a finished approval only when {@code proof} holds it too (Jenkins: the build's record). */
        public Settings withApprovalProof(ApprovalProof proof) {
            return new Settings(write, promote, analysisClock, approvalClock, environment, prometheusOverride, readinessInterval, runId, answerAt, proof);
        }

        /** Approvals are answered at {@code url} only (Jenkins); answers recorded on the cluster are ignored. */
        public Settings withAnswerAt(String url) {
            return new Settings(write, promote, analysisClock, approvalClock, environment, prometheusOverride, readinessInterval, runId, url, approvalProof);
        }
    }

    private final GrayRelease engine;
    private final Gate gate;
    private final RolloutListener listener;
    private final Settings settings;
    private final StopSignal signal = new StopSignal();

    /**
     * @param engine the engine; the runner works in a session of it ({@link GrayRelease#session()})
     *               so that each shift and each progress record is one guarded PATCH
     */
    public RolloutRunner(GrayRelease engine, Gate gate, RolloutListener listener, Settings settings) {
        this.engine = engine.inSession() ? engine : engine.session();
        this.gate = gate;
        this.listener = listener;
        this.settings = settings;
    }

    /**
     * Stops the run at its next wait or between two writes (never inside one), records the
     * release as aborted at the current step, and makes {@link #run} return {@link Outcome#CANCELLED}
     * with the release's state. Re-running the plan resumes at that step.
     */
    public void cancel() {
        signal.cancel();
    }

    /**
     * Starts the plan, or resumes it from the step recorded in the release state.
     *
     * @throws InvalidReleaseException before any write when the plan cannot run here (a routing
     *     step is invalid for the cluster's objects, its Prometheus token is missing, the recorded
     *     progress belongs to a different plan layout)
     * @throws AnalysisUnavailableException before any write when the plan analyses metrics and
     *     its Prometheus does not answer
     */
    public RolloutResult run(RolloutPlan plan) {
        if (plan.isFleet()) {
            throw new InvalidReleaseException(null, "targets", "plan " + plan.name() + " releases several targets",
                    "run it as a fleet release (grayctl rollout does; in code: io.jenkins.plugins.grayrelease.core.fleet.FleetRunner)");
        }
        ReleaseTarget target = plan.target().toReleaseTarget();
        RunContext run = prepare(plan, target);
        ReleaseStatus before = engine.status(target);
        if (RecordedProgress.alreadyPromoted(plan, target, before)) {
            RolloutResult done = new RolloutResult(Outcome.PROMOTED, plan.steps().size(), "plan " + plan.name()
                    + " already promoted " + target.canary() + " (recorded on " + target.virtualServiceRef()
                    + "); nothing to do", before, Optional.empty(), Optional.empty());
            listener.runFinished(done);
            return done;
        }
        Preflight.check(run, run.evaluator() == null ? null : endpoint(plan));
        if (before.weights() != null) {
            // The split in force before this run's first write: the judge's traffic-split check compares with it.
            run.sides().weights().record(java.time.Instant.EPOCH, before.weights().canary());
        }
        RecordedProgress.Start from = RecordedProgress.resumePoint(plan, target, before, settings.runId(), run.digest(),
                settings.approvalProof());
        int start = from.step();
        listener.runStarted(plan, start, from.resumed());
        if (from.why() != null) {
            listener.note(from.why());
        }
        BackgroundAnalysis background = plan.backgroundAnalysis().map(a -> new BackgroundAnalysis(
                a.toBackgroundSpec(), run.queries(), run.sides(), run.evaluator(), run.analysisClock(), signal,
                RolloutListener.both(listener, new RolloutListener() {
                    @Override
                    public void analysisFinished(String analysis, io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict verdict) {
                        run.recordAnalysis(analysis, verdict);
                    }
                })))
                .orElse(null);
        if (background != null) {
            background.start();
        }
        ReadinessWatch readiness = new ReadinessWatch(engine, target, settings.readinessInterval(), signal);
        readiness.start();
        RolloutResult result;
        ReleaseWatch watch = ReleaseWatch.start(run);
        try {
            result = runSteps(run, start);
        } finally {
            readiness.stop(settings.readinessInterval().plusSeconds(10));
            if (background != null) {
                background.stop(endpoint(plan).timeout());
            }
            watch.close();
        }
        result = result.withAnalyses(run.analysisRecords());
        listener.runFinished(result);
        return result;
    }

    private RolloutResult runSteps(RunContext run, int start) {
        StepExecutor executor = new StepExecutor(run, gate, start);
        RolloutPlan plan = run.plan();
        int index = start;
        try {
            for (; index < plan.steps().size(); index++) {
                stopIfSignalled();
                Step step = plan.steps().get(index);
                RolloutProgress running = run.progress(index, step.kind(), RolloutProgress.RUNNING, null);
                if (step instanceof ApprovalStep approval) {
                    running = running.withQuestion(question(approval));
                }
                engine.recordRollout(run.target(), running, phaseWhile(step));
                listener.stepStarted(index, step);
                if (step.waits() || step instanceof io.jenkins.plugins.grayrelease.core.rollout.plan.AnalysisStep) {
                    // A step that sends nothing new (pause, approval, analysis) still needs a canary that answers.
                    engine.checkCanaryReadiness(run.target());
                }
                StepOutcome outcome = executor.execute(index, step);
                if (outcome.end().isPresent()) {
                    return outcome.end().get();
                }
                stopIfSignalled();
                engine.recordRollout(run.target(), run.progress(index, step.kind(), RolloutProgress.DONE, outcome.decision()),
                        Phase.PROGRESSING);
                listener.stepFinished(index, step);
            }
            stopIfSignalled();
            // With a canary scale in force the canary gets the stable's replicas before it takes all traffic.
            OperationResult promoted = executor.engine().promote(run.target(), settings.promote());
            listener.routingChanged("promoted: all traffic to the canary, now the stable", promoted.status());
            return new RolloutResult(Outcome.PROMOTED, plan.steps().size(), "all " + plan.steps().size()
                    + " steps passed; promoted", promoted.status(), Optional.empty(), Optional.empty());
        } catch (RunStopped stopped) {
            try {
                return stoppedAt(run, index);
            } catch (ReleaseStoppedException e) {
                return stoppedElsewhere(run, index, e);
            } catch (GrayReleaseException e) {
                return failed(run, index, e);
            }
        } catch (WorkloadNotReadyException e) {
            // Refused more traffic, or found not ready at a step: the release goes back, like a failed analysis.
            try {
                return Endings.rollBackForNotReady(run, index, e);
            } catch (GrayReleaseException rollbackFailed) {
                return failed(run, index, rollbackFailed);
            }
        } catch (ReleaseStoppedException e) {
            return stoppedElsewhere(run, index, e);
        } catch (GrayReleaseException e) {
            // A failure in the wake of a stop elsewhere (an approval closed by the roll back) is that stop.
            return signal.stoppedElsewhere() != null ? stoppedElsewhere(run, index, signal.stoppedElsewhere()) : failed(run, index, e);
        }
    }

    private RolloutResult failed(RunContext run, int index, GrayReleaseException e) {
        Step step = index < run.plan().steps().size() ? run.plan().steps().get(index) : null;
        // Names what the run was doing (the step, or the final promotion) as well as the object and the failure.
        return new RolloutResult(Outcome.FAILED, index, "step " + (index + 1) + " (" + (step == null ? "promote" : step.describe())
                + ") failed: " + e.getMessage()
                + "; the release stays as it was after the last successful write, and re-running the plan"
                + " resumes at this step", statusOrNull(run.target()), Optional.empty(), Optional.empty());
    }

    /** A rollback wins: the run ends where it is, writing nothing, and says who stopped it. */
    private RolloutResult stoppedElsewhere(RunContext run, int index, ReleaseStoppedException stop) {
        Step step = index < run.plan().steps().size() ? run.plan().steps().get(index) : null;
        ReleaseStatus now = statusOrNull(run.target());
        return new RolloutResult(Outcome.STOPPED_ELSEWHERE, index, stop.stoppedBy() + " during step " + (index + 1) + " ("
                + (step == null ? "promote" : step.describe()) + "); this run stopped and wrote nothing more: traffic at "
                + Endings.split(now) + ". A rollback wins: start a new release to try again", now, Optional.empty(), Optional.empty());
    }

    private void stopIfSignalled() {
        if (signal.isRaised()) {
            throw new RunStopped();
        }
    }

    /** A failed background analysis rolls back; a cancellation leaves traffic as it is, recorded as aborted. */
    private RolloutResult stoppedAt(RunContext run, int index) {
        if (signal.stoppedElsewhere() != null) {
            return stoppedElsewhere(run, index, signal.stoppedElsewhere());
        }
        if (signal.failedBackground() != null) {
            return Endings.rollBackForAnalysis(run, index, signal.failedBackground());
        }
        if (signal.notReady() != null) {
            return Endings.rollBackForNotReady(run, index, signal.notReady());
        }
        Step step = index < run.plan().steps().size() ? run.plan().steps().get(index) : null;
        ReleaseStatus recorded = engine.recordRollout(run.target(), run.progress(index,
                step == null ? "promote" : step.kind(), RolloutProgress.RUNNING, null), Phase.ABORTED);
        return new RolloutResult(Outcome.CANCELLED, index, "cancelled in step " + (index + 1) + " ("
                + (step == null ? "promote" : step.describe()) + "); traffic left at " + Endings.split(recorded)
                + ", recorded as aborted; resume run " + settings.runId() + " to continue at this step, or roll back",
                recorded, Optional.empty(), Optional.empty());
    }

    private RunContext prepare(RolloutPlan plan, ReleaseTarget target) {
        boolean analyses = plan.analysesMetrics();
        MetricEvaluator evaluator = analyses ? new MetricEvaluator(new PrometheusClient(endpoint(plan))) : null;
        String version = analyses ? metricVersion(plan, target) : plan.target().canaryVersion();
        QueryContext queries = new QueryContext(target.namespace(), metricService(target), version == null ? "" : version,
                MetricCheck.DEFAULT_WINDOW);
        QueryContext stable = analyses && comparesWithStable(plan) ? stableQueries(target)
                : new QueryContext(target.namespace(), target.service(), "", MetricCheck.DEFAULT_WINDOW);
        RolloutProgress.RunDigest digest = new RolloutProgress.RunDigest(Digests.sha256(plan.toString()),
                podTemplateDigest(target));
        ClusterAnswers answers = settings.answerAt() == null ? new ClusterAnswers(settings.runId()) : null;
        JudgeContext sides = new JudgeContext(queries, stable, new WeightHistory());
        return new RunContext(plan, target, engine, listener, signal, settings.analysisClock(), evaluator, queries,
                settings, sides, new java.util.ArrayList<>(), digest, answers);
    }

    private static boolean comparesWithStable(RolloutPlan plan) {
        return plan.backgroundAnalysis().map(a -> a.compare() != null).orElse(false) || plan.steps().stream()
                .anyMatch(s -> s instanceof AnalysisStep a && a.settings().compare() != null);
    }

    /**
     * The stable's metrics: in the two-Services layout its own Service (all of it); else the
     * service's requests with the stable's version.
     */
    private QueryContext stableQueries(ReleaseTarget target) {
        Destination canary = target.canary();
        Destination stable = target.stable();
        if (canary != null && !canary.hasSubset() && stable != null) {
            return new QueryContext(target.namespace(), stable.host().split("\\.")[0], "", MetricCheck.DEFAULT_WINDOW);
        }
        String version = stable == null ? null : stable.subset();
        try {
            String fromCluster = engine.stableMetricVersion(target);
            version = fromCluster != null ? fromCluster : version;
        } catch (GrayReleaseException e) {
            // The run's first step reports an unreachable or incomplete target with its own error.
        }
        return new QueryContext(target.namespace(), target.service(), version == null ? "" : version,
                MetricCheck.DEFAULT_WINDOW);
    }

    /** The canary's pod template digest; null when it cannot be read (the run's first write reports why). */
    private String podTemplateDigest(ReleaseTarget target) {
        try {
            return engine.canaryPodTemplateDigest(target);
        } catch (GrayReleaseException e) {
            return null;
        }
    }

    /**
     * The Service whose metrics are the canary's: the canary's own Service when it is a host
     * without subset (two Services, e.g. an HTTPRoute's {@code reviews-canary}), else the service.
     */
    private static String metricService(ReleaseTarget target) {
        Destination canary = target.canary();
        return canary != null && !canary.hasSubset() ? canary.host().split("\\.")[0] : target.service();
    }

    /**
     * The canary's {@code destination_version}: the plan's canaryVersion, else the canary subset's
     * version label in the DestinationRule (with subsets named stable/canary the subset's name is
     * not what the metrics carry), else the subset's name.
     */
    private String metricVersion(RolloutPlan plan, ReleaseTarget target) {
        if (plan.target().canaryVersion() != null) {
            return plan.target().canaryVersion();
        }
        String fallback = target.canary() == null ? null : target.canary().subset();
        try {
            String fromCluster = engine.canaryMetricVersion(target);
            return fromCluster != null ? fromCluster : fallback;
        } catch (GrayReleaseException e) {
            // The run's first step reports an unreachable or incomplete target with its own error.
            return fallback;
        }
    }

    private PrometheusEndpoint endpoint(RolloutPlan plan) {
        if (settings.prometheusOverride().isPresent()) {
            return settings.prometheusOverride().get();
        }
        if (plan.prometheus() == null) {
            return PrometheusEndpoint.of("http://127.0.0.1:9090");
        }
        try {
            return plan.prometheus().toEndpoint(settings.environment());
        } catch (IllegalStateException e) {
            throw new InvalidReleaseException(null, "prometheus.bearerTokenEnv", e.getMessage(),
                    "nothing was changed");
        }
    }

    /** The approval as the release record shows it while the run waits, so that anyone can see it and, outside Jenkins, answer it. */
    private RolloutProgress.Question question(ApprovalStep step) {
        java.time.Instant deadline = step.timeoutDuration().map(d -> settings.approvalClock().instant().plus(d)).orElse(null);
        return new RolloutProgress.Question(step.message(), step.allowed().stream().map(DecisionKind::planName).sorted().toList(),
                deadline, settings.answerAt());
    }

    private static Phase phaseWhile(Step step) {
        return step.waits() ? Phase.PAUSED : Phase.PROGRESSING;
    }

    private ReleaseStatus statusOrNull(ReleaseTarget target) {
        try {
            return engine.status(target);
        } catch (GrayReleaseException e) {
            return null;
        }
    }
}
