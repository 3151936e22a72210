package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.analysis.AnalysisRunner;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisSpec;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisVerdict;
import io.jenkins.plugins.grayrelease.core.analysis.MetricEvaluator;
import io.jenkins.plugins.grayrelease.core.analysis.QueryContext;
import io.jenkins.plugins.grayrelease.core.analysis.judge.JudgeContext;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The plan's background analysis: measures on its own thread for the whole run and, when it
 * fails, raises the stop signal so the runner rolls back at once, whichever step it is in.
 */
final class BackgroundAnalysis {
    static final String NAME = "background";

    private final CountDownLatch finished = new CountDownLatch(1);
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    BackgroundAnalysis(AnalysisSpec spec, QueryContext context, JudgeContext sides, MetricEvaluator evaluator,
            Clock clock, StopSignal signal, RolloutListener listener) {
        AnalysisRunner runner = new AnalysisRunner(evaluator, clock, d -> {
            if (stop.await(d.toMillis(), TimeUnit.MILLISECONDS) || signal.isRaised()) {
                throw new InterruptedException("rollout ended");
            }
        });
        this.thread = new Thread(() -> {
            try {
                AnalysisVerdict verdict = runner.run(spec, context, sides, m -> listener.analysisMeasured(NAME, m));
                listener.analysisFinished(NAME, verdict);
                if (!verdict.passed()) {
                    signal.backgroundAnalysisFailed(verdict);
                }
            } catch (InterruptedException endOfRun) {
                // The run ended first: nothing to report.
            } finally {
                finished.countDown();
            }
        }, "gray-release-background-analysis");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Ends the analysis and waits for a measurement in flight (bounded by the Prometheus timeout),
     * so that nothing is reported after the run. Not interrupted: a half-made query would be
     * reported as an inconclusive measurement that never happened.
     */
    void stop(java.time.Duration queryTimeout) {
        stop.countDown();
        try {
            finished.await(queryTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
