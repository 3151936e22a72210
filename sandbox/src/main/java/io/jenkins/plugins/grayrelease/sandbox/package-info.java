/**
 * A fake cluster for trying grayctl and for tests: fabric8's mock API server in CRUD mode on a
 * loopback port ({@link io.jenkins.plugins.grayrelease.sandbox.SandboxServer}), answering what
 * the engine relies on as a real API server does — JSON Patch {@code test} guards and
 * server-side dry runs ({@link io.jenkins.plugins.grayrelease.sandbox.ApiServerDispatcher}) —
 * and the sample application it is tried on
 * ({@link io.jenkins.plugins.grayrelease.sandbox.SampleApplication}): the demo's, and one variant
 * per routing layout the tests of every module install, as YAML beside it. Depends on fabric8 and
 * Jackson only, never on the engine, so that the engine's own tests can use it.
 */
package io.jenkins.plugins.grayrelease.sandbox;
