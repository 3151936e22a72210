/**
 * Every exception the engine lets out: {@link
 * io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException} and its kinds (invalid input,
 * missing object, conflict, API failure), and the rollout, plan and Prometheus errors. Each names
 * the object, the field and the fix.
 */
package io.jenkins.plugins.grayrelease.core.errors;
