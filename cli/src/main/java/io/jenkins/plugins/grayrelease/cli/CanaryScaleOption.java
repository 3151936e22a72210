package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.workload.CanaryScale;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadWait;
import picocli.CommandLine.Option;

/** {@code --canary-scale traffic|N}: the commands that move traffic keep the canary Deployment's replicas in step with it. */
final class CanaryScaleOption {

    @Option(names = "--canary-scale", paramLabel = "traffic|N", converter = WorkloadConverters.Scale.class,
            description = "Scale the canary Deployment with its traffic: 'traffic' gives it ceil(stable replicas x weight / 100)"
                    + " replicas (at least 1), a number that many. Replicas are added, and their pods waited for, before the"
                    + " weight rises, and removed after it falls; promote first gives it the stable's replicas.")
    CanaryScale scale;

    /** The engine scaling the canary as asked (progress on stderr), or the engine as it is. */
    GrayRelease apply(GrayRelease engine, Progress progress) {
        return scale == null ? engine : engine.withCanaryScale(scale, WorkloadWait.defaults().withProgress(progress::step));
    }
}
