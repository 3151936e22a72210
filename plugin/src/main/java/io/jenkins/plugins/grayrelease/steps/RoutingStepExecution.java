package io.jenkins.plugins.grayrelease.steps;

import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A step whose whole work is one routing operation of the engine ({@code grayRelease},
 * {@code grayPromote}, {@code grayRollback}): the result is reported like every change (a dry
 * run's diff, or the build page, the history and one log line) and returned as the status
 * document.
 */
final class RoutingStepExecution extends ReleaseStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    /** The engine call, made with the session opened for this step. */
    @FunctionalInterface
    interface EngineCall {
        /** @param engine the session's engine, scaling the canary when a canary scale is named */
        OperationResult call(GrayRelease engine, ReleaseTarget target) throws Exception;
    }

    private final String what;
    private final String canaryScale;
    // Not kept over a restart: a short operation is not resumed (see ReleaseStepExecution).
    private final transient EngineCall call;

    /** {@code what} words the change for the history and the console, e.g. "promoted the canary". */
    RoutingStepExecution(StepContext context, String stepName, String what, EngineCall call) {
        this(context, stepName, what, null, call);
    }

    /** @param canaryScale the step's own canary scale (over the block's), or null */
    RoutingStepExecution(StepContext context, String stepName, String what, String canaryScale, EngineCall call) {
        super(context, stepName);
        this.what = what;
        this.canaryScale = canaryScale;
        this.call = call;
    }

    @Override
    protected Map<String, Object> perform(Operation op) throws Exception {
        OperationResult result = call.call(op.engine(canaryScale), op.session.target());
        op.report(result, what);
        return StatusDocument.of(result);
    }
}
