/**
 * The routing steps ({@code withGrayRelease}, {@code grayRelease}, {@code grayPromote}, {@code
 * grayRollback}, {@code grayStatus}, {@code grayDeploy}): Pipeline arguments turned into engine
 * calls, results returned as the engine's status document.
 */
package io.jenkins.plugins.grayrelease.steps;
