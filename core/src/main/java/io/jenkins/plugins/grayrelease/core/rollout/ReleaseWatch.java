package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;

/**
 * The run's watch on its routing object while it is under way: a rollback or abort recorded by
 * someone else raises the stop signal, so a pause, an analysis or an approval ends at once rather
 * than at the next write; an answer recorded on the cluster reaches the waiting approval.
 */
final class ReleaseWatch implements AutoCloseable {

    private final AutoCloseable watch;

    private ReleaseWatch(AutoCloseable watch) {
        this.watch = watch;
    }

    static ReleaseWatch start(RunContext run) {
        GrayRelease engine = run.engine();
        ReleaseTarget target = run.target();
        ClusterAnswers answers = run.answers();
        try {
            return new ReleaseWatch(engine.watchRecord(target, state -> {
                engine.stoppedElsewhere(target, state).ifPresent(run.signal()::stoppedElsewhere);
                if (answers != null) {
                    answers.offer(state);
                }
            }));
        } catch (GrayReleaseException e) {
            // Without a watch the rule still holds at the next write, which the stop refuses.
            run.listener().note("cannot watch " + target.routingRef() + " (" + e.problem()
                    + "); a rollback elsewhere is noticed at the next write, and answers recorded on the cluster are not seen");
            return new ReleaseWatch(() -> { });
        }
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (Exception e) {
            // Closing a watch cannot fail in a way that matters to the run's result.
        }
    }
}
