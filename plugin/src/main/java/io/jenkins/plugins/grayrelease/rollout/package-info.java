/**
 * The {@code grayRollout} step: a rollout plan run by the engine's runner, with approvals on the
 * build page and progress in the console log and on the page.
 */
package io.jenkins.plugins.grayrelease.rollout;
