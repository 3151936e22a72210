package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.support.Counted;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisRunner;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult.Outcome;
import io.jenkins.plugins.grayrelease.core.rollout.plan.AnalysisStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.ApprovalStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.MirrorStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PauseStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.SetWeightStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.Step;
import io.jenkins.plugins.grayrelease.core.rollout.plan.TestersStep;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.rollout.plan.SetCanaryScaleStep;
import io.jenkins.plugins.grayrelease.core.workload.CanaryScale;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadWait;
import java.util.Optional;

/** Executes one step of a plan through the engine. */
final class StepExecutor {
    private final RunContext run;
    private final Gate gate;
    /** The canary scale in force (the plan's, then the last setCanaryScale step's), or null. */
    private CanaryScale scale;

    /** @param start the first step this run executes: the scale in force there is the plan's or an earlier step's */
    StepExecutor(RunContext run, Gate gate, int start) {
        this.run = run;
        this.gate = gate;
        this.scale = run.plan().scaleAt(start).orElse(null);
    }

    /** The run's engine, scaling the canary with its traffic when a scale is in force; progress goes to the listener. */
    GrayRelease engine() {
        return scale == null ? run.engine()
                : run.engine().withCanaryScale(scale, WorkloadWait.defaults().withProgress(run.listener()::workloadProgress));
    }

    StepOutcome execute(int index, Step step) {
        return step.accept(new Step.Visitor<>() {
            @Override
            public StepOutcome setWeight(SetWeightStep s) {
                StepExecutor.this.setWeight(s.weight());
                return StepOutcome.carryOn();
            }

            @Override
            public StepOutcome pause(PauseStep p) {
                run.pause(p.duration());
                return StepOutcome.carryOn();
            }

            @Override
            public StepOutcome approval(ApprovalStep a) {
                return approve(index, a);
            }

            @Override
            public StepOutcome analysis(AnalysisStep a) {
                return analyse(index, a);
            }

            @Override
            public StepOutcome testers(TestersStep t) {
                OperationResult r = run.engine().setTesters(run.target(), t.toTesterRoute(), run.settings().write());
                run.listener().routingChanged("tester route with " + Counted.of(t.toTesterRoute().matches().size(), "match", "matches"), r.status());
                return StepOutcome.carryOn();
            }

            @Override
            public StepOutcome setCanaryScale(SetCanaryScaleStep s) {
                scale = s.scale();
                engine().scaleCanary(run.target());
                return StepOutcome.carryOn();
            }

            @Override
            public StepOutcome mirror(MirrorStep m) {
                OperationResult r = run.engine().setMirror(run.target(), m.percent(), run.settings().write());
                run.listener().routingChanged("mirror " + m.percent() + " %", r.status());
                return StepOutcome.carryOn();
            }
        });
    }

    private void setWeight(int weight) {
        OperationResult r = engine().setWeight(run.target(), weight, run.settings().write());
        run.sides().weights().record(run.analysisClock().instant(), weight);
        run.listener().weightWritten(weight, r.status());
    }

    private StepOutcome analyse(int index, AnalysisStep step) {
        String name = "step " + (index + 1);
        AnalysisRunner runner = new AnalysisRunner(run.evaluator(), run.analysisClock(), d -> {
            if (run.signal().await(d)) {
                throw new InterruptedException("rollout stopped");
            }
        });
        AnalysisVerdict verdict;
        try {
            verdict = runner.run(step.settings().toStepSpec(), run.queries(), run.sides(),
                    m -> run.listener().analysisMeasured(name, m));
        } catch (InterruptedException e) {
            if (!run.signal().isRaised()) {
                run.signal().cancel(); // the thread itself was interrupted: a cancellation
            }
            throw new RunStopped();
        }
        run.recordAnalysis(name, verdict);
        run.listener().analysisFinished(name, verdict);
        if (verdict.passed()) {
            return StepOutcome.carryOn();
        }
        return StepOutcome.end(Endings.rollBackForAnalysis(run, index, verdict));
    }

    private StepOutcome approve(int index, ApprovalStep step) {
        ReleaseStatus now = run.engine().status(run.target());
        ApprovalRequest request = new ApprovalRequest(run.plan().name(), index, step.message(), step.allowed(),
                step.timeoutDuration(), Optional.ofNullable(step.onTimeout()), now, run.digest().key());
        run.listener().approvalRequested(request);
        Decision decision = new ApprovalWaiter(gate, run.signal(), run.settings().approvalClock(), run.answers()).await(request);
        run.listener().decisionTaken(request, decision);
        return switch (decision.kind()) {
            case PROMOTE -> StepOutcome.carryOn(decision);
            case SET_WEIGHT -> {
                setWeight(decision.weight());
                yield StepOutcome.carryOn(decision);
            }
            case ROLLBACK -> {
                OperationResult r = run.engine().rollback(run.target(), run.settings().write());
                run.listener().routingChanged("rolled back: all traffic to stable", r.status());
                ReleaseStatus recorded = run.engine().recordRollout(run.target(), run.progress(
                        index, step.kind(), RolloutProgress.DONE, decision.describe()), Phase.ROLLED_BACK);
                yield StepOutcome.end(new RolloutResult(Outcome.ROLLED_BACK_BY_DECISION, index,
                        (decision.timedOut() ? "approval timed out" : "approval answered rollback by "
                                + decision.decidedBy()) + ": rolled back, all traffic on stable",
                        recorded, Optional.empty(), Optional.of(decision)));
            }
            case ABORT -> {
                // Recorded as still running, so that re-running the plan asks this approval again.
                ReleaseStatus recorded = run.engine().recordRollout(run.target(), run.progress(
                        index, step.kind(), RolloutProgress.RUNNING, decision.describe()), Phase.ABORTED);
                yield StepOutcome.end(new RolloutResult(Outcome.ABORTED_BY_DECISION, index,
                        (decision.timedOut() ? "approval timed out" : "approval answered abort by "
                                + decision.decidedBy()) + ": stopped at step " + (index + 1) + ", traffic left at "
                                + Endings.split(recorded) + "; run the plan again to be asked again",
                        recorded, Optional.empty(), Optional.of(decision)));
            }
        };
    }
}
