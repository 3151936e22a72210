package io.jenkins.plugins.grayrelease.core.fleet;

import io.jenkins.plugins.grayrelease.core.rollout.Decision;

/**
 * Who answers a wave's approval: a terminal prompt, the Jenkins build page, a test. The gate only asks and
 * answers; the {@link FleetRunner} decides what the answer does (promote: carry on; rollback: the whole fleet goes
 * back; setWeight: the wave gets that weight, then carries on; abort: stop, traffic as it is) and enforces the timeout.
 */
@FunctionalInterface
public interface FleetGate {

    /**
     * Blocks until somebody decides.
     *
     * @return one of {@link FleetApproval#allowed()}; anything else stops the run without changing traffic
     * @throws InterruptedException when the runner stops waiting (timeout or cancellation)
     */
    Decision decide(FleetApproval request) throws InterruptedException;
}
