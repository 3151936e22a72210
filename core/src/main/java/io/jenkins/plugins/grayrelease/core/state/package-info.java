/**
 * The release record the engine keeps on the routing object: phase, sides, last change and rollout
 * progress, its annotation codec, and where a route's record is found.
 */
package io.jenkins.plugins.grayrelease.core.state;
