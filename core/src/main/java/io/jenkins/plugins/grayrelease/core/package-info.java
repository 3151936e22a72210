/**
 * The Gray Release engine's vocabulary, plain Java without Jenkins classes: what a release targets
 * ({@link io.jenkins.plugins.grayrelease.core.ReleaseTarget}, its sides and layout, the routing
 * object's kind), what is asked of it (weights, testers, write and promote options) and what it
 * reports ({@link io.jenkins.plugins.grayrelease.core.ReleaseStatus},
 * {@link io.jenkins.plugins.grayrelease.core.OperationResult}). The way in is
 * {@link io.jenkins.plugins.grayrelease.core.engine.GrayRelease}; the subpackages hold its parts.
 */
package io.jenkins.plugins.grayrelease.core;
