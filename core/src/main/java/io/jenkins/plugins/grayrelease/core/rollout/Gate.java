package io.jenkins.plugins.grayrelease.core.rollout;

/**
 * Who decides an approval: a terminal prompt, a Jenkins button, a test script. The runner
 * enforces the step's timeout itself (it interrupts the waiting thread and takes the step's
 * default), so an implementation only has to wait for an answer and give it.
 */
@FunctionalInterface
public interface Gate {
    /**
     * Blocks until somebody decides.
     *
     * @return one of {@link ApprovalRequest#allowed()}; anything else is treated as a failure of
     *     the gate and ends the run without changing the release
     * @throws InterruptedException when the runner stops waiting (timeout or cancellation)
     */
    Decision decide(ApprovalRequest request) throws InterruptedException;
}
