package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.analysis.MetricEvaluator;
import io.jenkins.plugins.grayrelease.core.analysis.QueryContext;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import java.time.Clock;

/** Everything one run needs, resolved before the first write. */
record RunContext(RolloutPlan plan, ReleaseTarget target, GrayRelease engine, RolloutListener listener,
        StopSignal signal, Clock analysisClock, MetricEvaluator evaluator, QueryContext queries,
        RolloutRunner.Settings settings) {

    /** Waits {@code duration} unless the run is stopped first. */
    void pause(java.time.Duration duration) {
        try {
            if (signal.await(duration)) {
                throw new RunStopped();
            }
        } catch (InterruptedException e) {
            signal.cancel();
            throw new RunStopped();
        }
    }
}
