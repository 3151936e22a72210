/**
 * Fleet releases in Jenkins: several (cluster, namespace, service) targets named by one
 * {@code withGrayRelease(targets: [...])} block and moved as one release through the engine's
 * fleet coordinator, which decides the order, the waves and the all-or-nothing rollback.
 */
package io.jenkins.plugins.grayrelease.fleet;
