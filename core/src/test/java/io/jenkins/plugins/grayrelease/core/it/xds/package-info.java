/**
 * Tests that istiod itself turns the engine's routes into the split a proxyless gRPC client
 * observes (tag {@code istiod}).
 */
package io.jenkins.plugins.grayrelease.core.it.xds;
