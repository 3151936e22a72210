package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.analysis.PrometheusClient;
import io.jenkins.plugins.grayrelease.core.analysis.PrometheusEndpoint;
import io.jenkins.plugins.grayrelease.core.errors.PrometheusQueryException;
import io.jenkins.plugins.grayrelease.core.rollout.plan.AnalysisStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.ApprovalStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.MirrorStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PauseStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.SetCanaryScaleStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.SetWeightStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.Step;
import io.jenkins.plugins.grayrelease.core.rollout.plan.TestersStep;
import java.time.Instant;
import io.jenkins.plugins.grayrelease.core.errors.AnalysisUnavailableException;

/**
 * Checks a plan against the cluster and Prometheus before its first write: every routing step
 * is planned as a dry run (the route, subsets and tester matches must be valid) and Prometheus
 * must answer a trivial query. A plan that would fail half-way is refused while nothing changed.
 */
final class Preflight {
    private Preflight() {}

    static void check(RunContext run, PrometheusEndpoint prometheus) {
        WriteOptions dryRun = run.settings().write().withDryRun(true);
        // Planning only, no server-side dry run: the API server validates each routing write when
        // its step makes it, so asking it here as well would only add a request per step.
        GrayRelease planner = run.engine().withServerDryRun(false);
        Step.Visitor<Void> plan = new Step.Visitor<>() {
            @Override
            public Void setWeight(SetWeightStep s) {
                planner.setWeight(run.target(), s.weight(), dryRun);
                return null;
            }

            @Override
            public Void testers(TestersStep t) {
                planner.setTesters(run.target(), t.toTesterRoute(), dryRun);
                return null;
            }

            @Override
            public Void mirror(MirrorStep m) {
                planner.setMirror(run.target(), m.percent(), dryRun);
                return null;
            }

            @Override
            public Void pause(PauseStep p) {
                return null; // writes nothing
            }

            @Override
            public Void approval(ApprovalStep a) {
                return null; // a decision's own write (weight, roll back) is checked when it is taken
            }

            @Override
            public Void analysis(AnalysisStep a) {
                return null; // Prometheus is checked once, below
            }

            @Override
            public Void setCanaryScale(SetCanaryScaleStep s) {
                return null; // changes no route; the canary Deployment is looked up when the step scales it
            }
        };
        run.plan().steps().forEach(step -> step.accept(plan));
        if (run.evaluator() != null) {
            try {
                new PrometheusClient(prometheus).instantQuery("vector(1)", Instant.now());
            } catch (PrometheusQueryException e) {
                throw new AnalysisUnavailableException(e.getMessage(), "the plan analyses metrics; make Prometheus"
                        + " reachable (or give --prometheus-url) before starting; nothing was changed", e);
            }
        }
    }
}
