/**
 * The Gateway API {@code HTTPRoute} traffic provider: weights on the managed rule's
 * {@code backendRefs} (two Services, stable and canary), a tester rule with header matches ahead of
 * it, and a {@code RequestMirror} filter. Everything here is pure JSON editing; the engine reads and
 * writes.
 */
package io.jenkins.plugins.grayrelease.core.routing.gateway;
