package io.jenkins.plugins.grayrelease.core.rollout;

/**
 * Thrown inside the runner when the {@link StopSignal} ends a wait; never leaves the runner
 * (the run returns a result saying why it stopped).
 */
final class RunStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RunStopped() {
        super("rollout stopped", null, false, false);
    }
}
