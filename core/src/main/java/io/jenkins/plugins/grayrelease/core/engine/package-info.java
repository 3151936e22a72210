/**
 * The engine that reads, plans and writes a release. {@link io.jenkins.plugins.grayrelease.core.engine.GrayRelease}
 * is its only public class and the only way in; everything else here (the wiring, the route
 * operation, the retry loop, the promotion) is package-private, so callers cannot depend on it.
 * Every request to the cluster runs in the retry loop, which turns the Kubernetes client's
 * exceptions into {@link io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException}s.
 */
package io.jenkins.plugins.grayrelease.core.engine;
