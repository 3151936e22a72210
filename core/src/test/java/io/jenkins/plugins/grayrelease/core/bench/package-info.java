/**
 * Benchmarks that print numbers side by side with a baseline run in the same JVM; not tests, run on
 * demand.
 */
package io.jenkins.plugins.grayrelease.core.bench;
