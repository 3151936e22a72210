package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.GrayRelease;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.analysis.PrometheusClient;
import io.jenkins.plugins.grayrelease.core.analysis.PrometheusEndpoint;
import io.jenkins.plugins.grayrelease.core.analysis.PrometheusQueryException;
import io.jenkins.plugins.grayrelease.core.rollout.plan.MirrorStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.SetWeightStep;
import io.jenkins.plugins.grayrelease.core.rollout.plan.Step;
import io.jenkins.plugins.grayrelease.core.rollout.plan.TestersStep;
import java.time.Instant;

/**
 * Checks a plan against the cluster and Prometheus before its first write: every routing step
 * is planned as a dry run (the route, subsets and tester matches must be valid) and Prometheus
 * must answer a trivial query. A plan that would fail half-way is refused while nothing changed.
 */
final class Preflight {
    private Preflight() {}

    static void check(RunContext run, PrometheusEndpoint prometheus) {
        WriteOptions dryRun = run.settings().write().withDryRun(true);
        // Planning only, no server-side dry run: a server that ignores dryRun=All (the mock server
        // behind grayctl demo) would store the patch, and the real writes are validated anyway.
        GrayRelease planner = run.engine().withServerDryRun(false);
        for (Step step : run.plan().steps()) {
            if (step instanceof SetWeightStep s) {
                planner.setWeight(run.target(), s.weight(), dryRun);
            } else if (step instanceof TestersStep t) {
                planner.setTesters(run.target(), t.toTesterRoute(), dryRun);
            } else if (step instanceof MirrorStep m) {
                planner.setMirror(run.target(), m.percent(), dryRun);
            }
        }
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
