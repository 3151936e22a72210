/**
 * {@code grayctl demo}: the bundled rollout plan run on the sandbox cluster, and the views it
 * shows after each step — the VirtualService's routes in order and a split of simulated requests
 * routed the way Envoy reads those routes.
 */
package io.jenkins.plugins.grayrelease.cli.demo;
