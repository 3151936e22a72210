/**
 * Runs rollout plans through the engine: steps in order, approvals through a {@link
 * io.jenkins.plugins.grayrelease.core.rollout.Gate}, progress to a {@link
 * io.jenkins.plugins.grayrelease.core.rollout.RolloutListener}, automatic roll back when an
 * analysis fails, and resumption from the step recorded in the release state.
 */
package io.jenkins.plugins.grayrelease.core.rollout;
