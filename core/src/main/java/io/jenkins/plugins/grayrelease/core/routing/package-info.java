/**
 * Traffic routing, without I/O: the mesh-neutral {@link
 * io.jenkins.plugins.grayrelease.core.routing.TrafficRouter}, the route changes it plans, and the
 * Istio VirtualService provider (managed route, tester route, mirror, subsets, host spellings).
 */
package io.jenkins.plugins.grayrelease.core.routing;
